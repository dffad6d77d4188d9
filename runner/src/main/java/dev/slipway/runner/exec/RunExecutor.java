package dev.slipway.runner.exec;

import dev.slipway.runner.scan.DependencyReport;
import dev.slipway.runner.scan.ImageReference;
import dev.slipway.runner.scan.ScanException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Our acb: executes a prepared task on an {@link Engine}. Sets the run up (networks, secret volumes, registry
 * logins), walks the step DAG with {@link Scheduler}, reports output images and dependencies, and always cleans up.
 * The server prints the final "Run ID: x was successful after Ns" line itself.
 */
public final class RunExecutor implements TaskExecutor {
    private final Engine engine;
    private final Clock clock;
    private final Sleeper sleeper;

    public RunExecutor(Engine engine, Clock clock) {
        this(engine, clock, Sleeper.REAL);
    }

    RunExecutor(Engine engine, Clock clock, Sleeper sleeper) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The executor on the local Docker (or Podman) engine: {@code DOCKER_HOST}, else the default unix socket. */
    public static RunExecutor onDocker() {
        return new RunExecutor(DockerEngine.fromEnvironment(), Clock.systemDefaultZone());
    }

    @Override
    public RunOutcome execute(RunRequest request, RunLog sink, Cancellation cancellation) {
        var secrets = new ArrayList<>(request.masked());
        request.logins().forEach(l -> {
            secrets.add(l.password());
            secrets.add(l.registryToken());
        });
        var masker = new Masker(secrets);
        var log = new AcbLog(sink, clock, masker);
        request.task().notes().forEach(log::info);
        try (var run = new RunContext(request, engine, log, clock, sleeper)) {
            try {
                run.setUp();
            } catch (EngineException | UncheckedIOException e) {
                return ended(RunOutcome.Status.ERROR, masker.mask(e.getMessage()), request);
            }
            String loginError = logIn(request, log);
            if (loginError != null) {
                return ended(RunOutcome.Status.FAILED, masker.mask(loginError), request);
            }
            Scheduler.Result result = new Scheduler(run).run(cancellation);
            Map<String, String> pushed = run.pushedImages();
            List<String> outputs = pushed.entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).toList();
            DependencyReport deps = result.status() == RunOutcome.Status.SUCCEEDED ? dependencies(run, pushed)
                    : new DependencyReport(List.of());
            // Errors quote commands and engine messages, which may hold secrets too.
            List<StepResult> steps = result.steps().stream().map(r -> r.error() == null ? r : new StepResult(r.id(),
                    r.status(), r.start(), r.end(), masker.mask(r.error()))).toList();
            return new RunOutcome(result.status(), result.error() == null ? null : masker.mask(result.error()),
                    outputs, deps, steps);
        }
    }

    /** acb's docker login of every registry before the first step: here a check that the credentials work. */
    private String logIn(RunRequest request, AcbLog log) {
        for (RegistryLogin login : request.logins()) {
            log.info("Logging in to registry: %s", login.server());
            try {
                engine.checkLogin(login);
            } catch (EngineException e) {
                return "failed to login to registry: " + login.server() + ": " + e.getMessage();
            }
            log.info("Successfully logged into %s", login.server());
        }
        return null;
    }

    /** Digests for every build's outputs (what was pushed) and bases (what the engine pulled), then the log. */
    private DependencyReport dependencies(RunContext run, Map<String, String> pushed) {
        var entries = new ArrayList<DependencyReport.Entry>();
        run.reports().forEach((stepId, report) -> {
            run.log.info("Populating digests for step ID: %s...", stepId);
            entries.addAll(report.withDigests(ref -> digestOf(ref, pushed)).entries());
        });
        var all = new DependencyReport(entries);
        if (!entries.isEmpty()) {
            run.log.info(all.toLog());
        }
        return all;
    }

    private String digestOf(ImageReference ref, Map<String, String> pushed) {
        for (var e : pushed.entrySet()) {
            if (sameImage(e.getKey(), ref)) {
                return e.getValue();
            }
        }
        try {
            return engine.inspectImage(ref.reference()).flatMap(info -> info.repoDigests().stream()
                    .filter(d -> sameRepository(d, ref)).map(d -> d.substring(d.indexOf('@') + 1)).findFirst())
                    .orElse(null);
        } catch (EngineException e) {
            return null; // a digest we cannot see is left empty, as acb does
        }
    }

    private static boolean sameImage(String image, ImageReference ref) {
        try {
            return ImageReference.parse(image).fullName().equals(ref.withDigest(null).fullName());
        } catch (ScanException e) {
            return false;
        }
    }

    private static boolean sameRepository(String repoDigest, ImageReference ref) {
        try {
            return ImageReference.parse(repoDigest).name().equals(ref.name());
        } catch (ScanException e) {
            return false;
        }
    }

    /** A run that ended before its first step: every step skipped. */
    private static RunOutcome ended(RunOutcome.Status status, String error, RunRequest request) {
        List<StepResult> steps = request.task().dag().steps().stream()
                .map(s -> new StepResult(s.id(), StepResult.Status.SKIPPED, null, null, null)).toList();
        return new RunOutcome(status, error, List.of(), new DependencyReport(List.of()), steps);
    }
}
