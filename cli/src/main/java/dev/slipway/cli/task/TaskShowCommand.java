package dev.slipway.cli.task;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task show -n NAME [--with-secure-properties]}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a named task.")
final class TaskShowCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--with-secure-properties", description = "Include secret values, arguments, tokens and passwords.")
    boolean secure;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.output();
        common.print(new TaskService(common.api()).show(name, secure), TaskTables.TASKS);
        return 0;
    }
}
