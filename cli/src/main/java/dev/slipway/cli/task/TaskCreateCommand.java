package dev.slipway.cli.task;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task create}: {@code az acr task create} (a local context is uploaded once: a snapshot). */
@Command(name = "create", mixinStandardHelpOptions = true, description = "Create a named task.")
final class TaskCreateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME", description = "5 to 50 letters, digits, '-' or '_'.")
    String name;

    @Mixin
    TaskFlags flags;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.output();
        common.print(new TaskService(common.api()).create(name, flags.body(common, true)), TaskTables.TASKS);
        return 0;
    }
}
