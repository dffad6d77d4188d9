package dev.slipway.cli.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.run.RunFollower;
import dev.slipway.cli.run.RunService;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task logs [--run-id ID]}: a run's log, followed while it runs; without an id, the last run's. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Show a run's log (the last created run by default).")
final class TaskLogsCommand implements Callable<Integer> {
    @Option(names = "--run-id", paramLabel = "ID")
    String runId;

    @Option(names = {"-n", "--name"}, paramLabel = "TASK", description = "The last run of this task.")
    String task;

    @Option(names = "--image", paramLabel = "REPO:TAG|REPO@DIGEST", description = "The last run that output this image.")
    String image;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        common.output();
        RunService runs = new RunService(common.api());
        String id = runId;
        if (id == null) {
            JsonNode last = runs.list(1, null, task, image);
            if (last == null || last.isEmpty()) {
                throw CliException.failed("there are no runs yet");
            }
            id = last.get(0).path("runId").asText();
            common.err().println("Showing logs of the last created run.");
            common.err().println("Run ID: " + id);
            common.err().flush();
        }
        RunFollower.follow(runs, id, common.out());
        return 0;
    }
}
