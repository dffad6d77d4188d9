package dev.slipway.cli.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.run.QueuedRun;
import dev.slipway.cli.run.RunService;
import dev.slipway.cli.support.CommonOptions;
import dev.slipway.cli.support.Json;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code slipway task run -n NAME}: {@code az acr task run} — queue a run now (with overrides) and follow its log. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a named task now and stream its log.")
final class TaskRunCommand implements Callable<Integer> {
    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME")
    String name;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "A value for this run (repeatable).")
    List<String> sets;

    @Option(names = "--set-secret", paramLabel = "NAME=VALUE", description = "A secret value for this run (repeatable).")
    List<String> secretSets;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "A build argument for this run (repeatable).")
    List<String> args;

    @Option(names = "--secret-arg", paramLabel = "NAME=VALUE", description = "A secret build argument for this run (repeatable).")
    List<String> secretArgs;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Another Dockerfile or task file in the context.")
    String file;

    @Option(names = {"-c", "--context"}, paramLabel = "CONTEXT", description = "Another context for this run (a local directory is uploaded).")
    String context;

    @Option(names = "--target", paramLabel = "STAGE", description = "Another build stage.")
    String target;

    @Option(names = "--no-logs", description = "Do not stream the log; wait for the run to end and print it.")
    boolean noLogs;

    @Option(names = "--no-wait", description = "Do not wait for the run to end; print it as queued.")
    boolean noWait;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        common.output();
        ObjectNode body = Json.object();
        if (sets != null || secretSets != null) {
            TaskFlags.pairs(body.putArray("values"), sets, secretSets);
        }
        if (args != null || secretArgs != null) {
            TaskFlags.pairs(body.putArray("arguments"), args, secretArgs);
        }
        if (file != null) {
            body.put("file", file);
        }
        if (target != null) {
            body.put("target", target);
        }
        if (context != null) {
            body.put("contextPath", new RunService(common.api()).sourceLocation(context, null, common.err()));
        }
        return QueuedRun.follow(common, new TaskService(common.api()).run(name, body), "run", noWait, noLogs);
    }
}
