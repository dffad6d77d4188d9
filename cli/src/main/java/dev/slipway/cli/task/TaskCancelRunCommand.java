package dev.slipway.cli.task;

import dev.slipway.cli.run.RunService;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task cancel-run --run-id ID}: a queued run is canceled at once, a running one stops. */
@Command(name = "cancel-run", mixinStandardHelpOptions = true, description = "Cancel a queued or running run.")
final class TaskCancelRunCommand implements Callable<Integer> {
    @Option(names = "--run-id", required = true, paramLabel = "ID")
    String runId;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.output();
        new RunService(common.api()).cancel(runId);
        return 0;
    }
}
