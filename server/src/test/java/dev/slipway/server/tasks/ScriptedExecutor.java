package dev.slipway.server.tasks;

import dev.slipway.runner.exec.Cancellation;
import dev.slipway.runner.exec.RunLog;
import dev.slipway.runner.exec.RunOutcome;
import dev.slipway.runner.exec.RunRequest;
import dev.slipway.runner.exec.TaskExecutor;
import dev.slipway.runner.scan.DependencyReport;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.PushStep;
import dev.slipway.runner.spec.StepSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake executor driven by the first cmd step: {@code sleep MS} (honours cancel), {@code hang MS} (ignores it),
 * {@code fail TEXT}, {@code lines N MS}, anything else succeeds. Build tasks succeed with their pushed images as
 * output. It records every request, the start order, the workspace's files and the highest concurrency seen.
 */
final class ScriptedExecutor implements TaskExecutor {
    final List<RunRequest> requests = new CopyOnWriteArrayList<>();
    final List<String> started = new CopyOnWriteArrayList<>();
    final Map<String, List<String>> workspaceFiles = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();

    @Override
    public RunOutcome execute(RunRequest request, RunLog log, Cancellation cancellation) {
        requests.add(request);
        started.add(request.runId());
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            workspaceFiles.put(request.runId(), files(request.workspace()));
            log.line("2026/01/01 00:00:00 Executing run " + request.runId());
            StepSpec first = request.task().spec().steps().getFirst();
            String[] cmd = first instanceof CmdStep c ? c.cmd().split(" ", 3) : new String[] {"build"};
            switch (cmd[0]) {
                case "sleep" -> {
                    long end = System.currentTimeMillis() + Long.parseLong(cmd[1]);
                    while (System.currentTimeMillis() < end) {
                        if (cancellation.isCanceled()) {
                            return outcome(RunOutcome.Status.CANCELED, "canceled", List.of());
                        }
                        pause(10);
                    }
                }
                case "hang" -> pause(Long.parseLong(cmd[1]));
                case "fail" -> {
                    log.line("step failed: " + String.join(" ", cmd));
                    return outcome(RunOutcome.Status.FAILED, "failed during run, err: " + String.join(" ", cmd), List.of());
                }
                case "lines" -> {
                    for (int i = 1; i <= Integer.parseInt(cmd[1]); i++) {
                        log.line("line " + i);
                        pause(Long.parseLong(cmd[2]));
                    }
                }
                case "build" -> {
                    List<String> out = request.task().spec().steps().stream().filter(s -> s instanceof PushStep)
                            .flatMap(s -> ((PushStep) s).images().stream())
                            .map(i -> request.registry() + "/" + i + "@sha256:" + "ab".repeat(32)).toList();
                    return outcome(RunOutcome.Status.SUCCEEDED, null, out);
                }
                default -> log.line("ran " + String.join(" ", cmd));
            }
            return outcome(RunOutcome.Status.SUCCEEDED, null, List.of());
        } finally {
            running.decrementAndGet();
        }
    }

    RunRequest request(String runId) {
        return requests.stream().filter(r -> r.runId().equals(runId)).findFirst().orElseThrow();
    }

    private static RunOutcome outcome(RunOutcome.Status status, String error, List<String> images) {
        return new RunOutcome(status, error, images, new DependencyReport(List.of()), List.of());
    }

    private static List<String> files(Path workspace) {
        try (var walk = Files.walk(workspace)) {
            return walk.filter(p -> !p.equals(workspace)).map(p -> workspace.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
