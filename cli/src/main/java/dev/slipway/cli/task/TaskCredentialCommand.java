package dev.slipway.cli.task;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slipway task credential add|update|remove|list}: logins to other registries for every run of a task.
 * {@code -u}/{@code -p} take plain values or secret URLs ({@code https://<vault>.vault.azure.net/secrets/<name>})
 * resolved from the built-in secret store when a run starts.
 */
@Command(name = "credential", mixinStandardHelpOptions = true, description = "Registry credentials of a task.",
        subcommands = {TaskCredentialCommand.Add.class, TaskCredentialCommand.Update.class,
                TaskCredentialCommand.Remove.class, TaskCredentialCommand.ListCommand.class})
final class TaskCredentialCommand {
    static class Target {
        @Option(names = {"-n", "--name"}, required = true, paramLabel = "TASK")
        String task;

        @Mixin
        CommonOptions common;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a registry login to a task.")
    static final class Add extends Target implements Callable<Integer> {
        @Option(names = "--login-server", required = true, paramLabel = "HOST[:PORT]")
        String server;

        @Option(names = {"-u", "--username"}, required = true, paramLabel = "USER|SECRET-URL")
        String username;

        @Option(names = {"-p", "--password"}, required = true, paramLabel = "PASSWORD|SECRET-URL")
        String password;

        @Override
        public Integer call() {
            common.output();
            common.print(new TaskService(common.api()).addCredential(task, server, username, password), null);
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Change a registry login of a task.")
    static final class Update extends Target implements Callable<Integer> {
        @Option(names = "--login-server", required = true, paramLabel = "HOST[:PORT]")
        String server;

        @Option(names = {"-u", "--username"}, paramLabel = "USER|SECRET-URL")
        String username;

        @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD|SECRET-URL")
        String password;

        @Override
        public Integer call() {
            common.output();
            common.print(new TaskService(common.api()).updateCredential(task, server, username, password), null);
            return 0;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a registry login from a task.")
    static final class Remove extends Target implements Callable<Integer> {
        @Option(names = "--login-server", required = true, paramLabel = "HOST[:PORT]")
        String server;

        @Override
        public Integer call() {
            common.output();
            common.print(new TaskService(common.api()).removeCredential(task, server), null);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a task's registry logins (passwords masked).")
    static final class ListCommand extends Target implements Callable<Integer> {
        @Override
        public Integer call() {
            common.output();
            common.print(new TaskService(common.api()).credentials(task), null);
            return 0;
        }
    }
}
