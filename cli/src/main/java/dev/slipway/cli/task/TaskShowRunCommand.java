package dev.slipway.cli.task;

import dev.slipway.cli.run.RunService;
import dev.slipway.cli.run.RunTables;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task show-run --run-id ID}. */
@Command(name = "show-run", mixinStandardHelpOptions = true, description = "Show a run.")
final class TaskShowRunCommand implements Callable<Integer> {
    @Option(names = "--run-id", required = true, paramLabel = "ID")
    String runId;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.output();
        common.print(new RunService(common.api()).show(runId), RunTables.RUNS);
        return 0;
    }
}
