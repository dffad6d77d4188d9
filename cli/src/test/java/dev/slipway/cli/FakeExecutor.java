package dev.slipway.cli;

import dev.slipway.runner.exec.Cancellation;
import dev.slipway.runner.exec.RunLog;
import dev.slipway.runner.exec.RunOutcome;
import dev.slipway.runner.exec.RunRequest;
import dev.slipway.runner.exec.TaskExecutor;
import dev.slipway.runner.scan.DependencyReport;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.StepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the Docker executor in CLI tests: logs each step; a cmd {@code fail …} fails, {@code sleep MS}
 * waits (honouring cancel), {@code echo …} prints its words. Records requests and the workspace's files.
 */
final class FakeExecutor implements TaskExecutor {
    final Map<String, RunRequest> requests = new ConcurrentHashMap<>();
    final Map<String, List<String>> files = new ConcurrentHashMap<>();

    @Override
    public RunOutcome execute(RunRequest request, RunLog log, Cancellation cancellation) {
        requests.put(request.runId(), request);
        files.put(request.runId(), list(request.workspace()));
        for (StepSpec step : request.task().spec().steps()) {
            log.line("2026/01/01 00:00:00 Executing step ID: " + step.id());
            if (step instanceof BuildStep b) {
                log.line("docker build " + b.build());
            } else if (step instanceof CmdStep c) {
                String[] words = c.cmd().split(" ", 2);
                switch (words[0]) {
                    case "fail" -> {
                        return outcome(RunOutcome.Status.FAILED, "failed to run step ID: " + step.id() + ": exit status 1");
                    }
                    case "sleep" -> {
                        long end = System.currentTimeMillis() + Long.parseLong(words[1]);
                        while (System.currentTimeMillis() < end) {
                            if (cancellation.isCanceled()) {
                                return outcome(RunOutcome.Status.CANCELED, "canceled");
                            }
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                    case "echo" -> log.line(step.id() + " | " + (words.length > 1 ? words[1] : ""));
                    default -> log.line(step.id() + " | ran " + c.cmd());
                }
            }
            log.line("2026/01/01 00:00:00 Step ID: " + step.id() + " marked as successful (elapsed time in seconds: 0.01)");
        }
        return outcome(RunOutcome.Status.SUCCEEDED, null);
    }

    private static RunOutcome outcome(RunOutcome.Status status, String error) {
        return new RunOutcome(status, error, List.of(), new DependencyReport(List.of()), List.of());
    }

    private static List<String> list(Path workspace) {
        try (var walk = Files.walk(workspace)) {
            return walk.filter(Files::isRegularFile).map(p -> workspace.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
