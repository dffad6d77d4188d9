package dev.slipway.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.CommonOptions;
import picocli.CommandLine.Option;

/** What {@code build} and {@code run} do once the run is queued: follow its log, wait silently, or return at once. */
public final class QueuedRun {
    @Option(names = "--no-logs", description = "Do not stream the log; wait for the run to end and print it.")
    boolean noLogs;

    @Option(names = "--no-wait", description = "Do not wait for the run to end; print it as queued.")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "The run's timeout (default 600).")
    Integer timeout;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "The platform (default linux/amd64).")
    String platform;

    int follow(CommonOptions common, JsonNode queued, String noun) {
        return follow(common, queued, noun, noWait, noLogs);
    }

    /** Prints the queued lines, then follows the log (or waits, or returns at once); throws when the run fails. */
    public static int follow(CommonOptions common, JsonNode queued, String noun, boolean noWait, boolean noLogs) {
        common.output();
        String id = queued.path("runId").asText();
        common.err().println("Queued a " + noun + " with ID: " + id);
        common.err().println("Waiting for an agent...");
        common.err().flush();
        RunService runs = new RunService(common.api());
        if (noWait) {
            common.print(queued, RunTables.RUNS);
            return 0;
        }
        if (noLogs) {
            JsonNode run = RunFollower.await(runs, id);
            common.print(run, RunTables.RUNS);
            RunFollower.check(run);
            return 0;
        }
        RunFollower.follow(runs, id, common.out());
        return 0;
    }
}
