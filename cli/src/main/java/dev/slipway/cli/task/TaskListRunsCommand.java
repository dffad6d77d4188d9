package dev.slipway.cli.task;

import dev.slipway.cli.run.RunService;
import dev.slipway.cli.run.RunTables;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task list-runs}: newest first. */
@Command(name = "list-runs", mixinStandardHelpOptions = true, description = "List runs, newest first.")
final class TaskListRunsCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, paramLabel = "TASK", description = "Only runs of this task.")
    String task;

    @Option(names = "--run-status", paramLabel = "STATUS", description = "Only runs with this status (Queued, Running, Succeeded…).")
    String status;

    @Option(names = "--image", paramLabel = "REPO:TAG|REPO@DIGEST", description = "Only runs that output this image.")
    String image;

    @Option(names = "--top", paramLabel = "N", description = "At most this many runs (default 15).")
    Integer top;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.output();
        common.print(new RunService(common.api()).list(top, status, task, image), RunTables.RUNS);
        return 0;
    }
}
