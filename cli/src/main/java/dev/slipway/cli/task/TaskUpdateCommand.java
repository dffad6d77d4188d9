package dev.slipway.cli.task;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task update}: only the given flags change; lists ({@code -t}, {@code --arg}, {@code --set}) are replaced. */
@Command(name = "update", mixinStandardHelpOptions = true, description = "Update a named task.")
final class TaskUpdateCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Mixin
    TaskFlags flags;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.output();
        common.print(new TaskService(common.api()).update(name, flags.body(common, false)), TaskTables.TASKS);
        return 0;
    }
}
