package dev.slipway.cli.task;

import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code slipway task list}: table {@code NAME  PLATFORM  STATUS  SOURCE REPOSITORY  TRIGGERS}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the named tasks.")
final class TaskListCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.output();
        common.print(new TaskService(common.api()).list(), TaskTables.TASKS);
        return 0;
    }
}
