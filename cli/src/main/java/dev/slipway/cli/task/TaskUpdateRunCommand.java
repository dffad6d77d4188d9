package dev.slipway.cli.task;

import dev.slipway.cli.run.RunService;
import dev.slipway.cli.run.RunTables;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task update-run --run-id ID --no-archive false}: keep the run's log past the retention. */
@Command(name = "update-run", mixinStandardHelpOptions = true, description = "Archive a run (keep its log) or not.")
final class TaskUpdateRunCommand implements Callable<Integer> {
    @Option(names = "--run-id", required = true, paramLabel = "ID")
    String runId;

    @Option(names = "--no-archive", required = true, arity = "1", paramLabel = "true|false",
            description = "false archives the run (its log is kept forever); true lets the retention delete it.")
    boolean noArchive;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.output();
        common.print(new RunService(common.api()).archive(runId, !noArchive), RunTables.RUNS);
        return 0;
    }
}
