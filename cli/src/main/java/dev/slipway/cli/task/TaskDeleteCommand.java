package dev.slipway.cli.task;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task delete -n NAME [--yes]}: its runs stay in the history. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a named task (its runs are kept).")
final class TaskDeleteCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.login();
        common.confirmUnless(yes, "Deleting task '" + name + "'.");
        new TaskService(common.api()).delete(name);
        return 0;
    }
}
