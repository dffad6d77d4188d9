package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.runner.exec.Cancellation;
import dev.slipway.runner.exec.RunOutcome;
import dev.slipway.runner.exec.RunRequest;
import dev.slipway.runner.exec.TaskExecutor;
import dev.slipway.server.secrets.SecretException;
import dev.slipway.server.tasks.context.Fetched;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one run: workspace from its context → prepare (render, validate, token) → executor → record the
 * outcome and write the epilogue → delete the workspace and drop the request's secrets. The run's timeout is
 * enforced here too: when it passes, the run is canceled and ends as Timeout.
 */
final class RunWorker {
    static final String SERVER_STOPPED = "the server stopped while the run was running";
    private static final Logger LOG = LoggerFactory.getLogger(RunWorker.class);

    private final RunStore store;
    private final RunLogs logs;
    private final Contexts contexts;
    private final RunPreparation preparation;
    private final TaskExecutor executor;
    private final RunQueue queue;
    private final Path runsDir;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final Function<JsonNode, ResolvedRun> resolver;

    RunWorker(RunStore store, RunLogs logs, Contexts contexts, RunPreparation preparation, TaskExecutor executor,
              RunQueue queue, Path runsDir, ScheduledExecutorService timer, Clock clock, BooleanSupplier stopping,
              Function<JsonNode, ResolvedRun> resolver) {
        this.resolver = resolver;
        this.store = store;
        this.logs = logs;
        this.contexts = contexts;
        this.preparation = preparation;
        this.executor = executor;
        this.queue = queue;
        this.runsDir = runsDir;
        this.timer = timer;
        this.clock = clock;
        this.stopping = stopping;
    }

    private record Result(RunStatus status, String error, List<String> images, String dependencies) {
        Result(RunStatus status, String error, List<String> images) {
            this(status, error, images, null);
        }
    }

    void run(String id) {
        Cancellation cancellation = new Cancellation();
        queue.register(id, cancellation);
        if (!store.markRunning(id, clock.instant())) {
            return;
        }
        try {
            execute(id, cancellation);
        } catch (RuntimeException e) {
            if (stopping.getAsBoolean()) {
                LOG.warn("run {} could not be recorded while the server stopped; it ends as Error at the next start", id);
                return;
            }
            LOG.error("run {} failed unexpectedly", id, e);
            try {
                store.finish(id, RunStatus.Running, RunStatus.Error, "internal error: " + e.getMessage(), List.of(), clock.instant());
            } catch (RuntimeException again) {
                LOG.error("cannot record the end of run {}", id, again);
            }
        } finally {
            // However the run ended, its request keeps no secret (a run left Running drops them at the next start).
            try {
                store.dropSecrets(id);
            } catch (RuntimeException e) {
                if (stopping.getAsBoolean()) {
                    LOG.warn("cannot drop the secrets of run {} while the server stops: {}", id, e.getMessage());
                } else {
                    LOG.warn("cannot drop the secrets of run {}", id, e);
                }
            }
        }
    }

    private void execute(String id, Cancellation cancellation) {
        RunRecord run = store.get(id).orElseThrow(() -> RunException.notFound(id));
        ResolvedRun resolved;
        try {
            resolved = resolver.apply(store.request(id));
        } catch (RunException | SecretException e) {
            failBeforeStart(run, e.getMessage());
            return;
        }
        QuickRequest request = resolved.request();
        Path runDir = runsDir.resolve(id);
        AtomicBoolean timedOut = new AtomicBoolean();
        Duration timeout = Duration.ofSeconds(request.timeout());
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            timedOut.set(true);
            cancellation.cancel();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Result result;
        try (RunLogs.Writer log = logs.open(id, resolved.masked())) {
            result = attempt(run, resolved, runDir, log, cancellation);
            if (result.status() == RunStatus.Canceled && timedOut.get()) {
                result = new Result(RunStatus.Timeout, "the run timed out after " + request.timeout() + "s", result.images(),
                        result.dependencies());
            } else if (result.status() == RunStatus.Canceled && stopping.getAsBoolean()) {
                result = new Result(RunStatus.Error, SERVER_STOPPED, result.images(), result.dependencies());
            }
            Instant now = clock.instant();
            String error = result.error() == null ? null : log.masked(result.error());
            log.line(epilogue(id, result.status(), error, run.createTime(), store.get(id).map(RunRecord::startTime).orElse(null), now));
            if (result.dependencies() != null) {
                store.saveDependencies(id, result.dependencies());
            }
            store.finish(id, RunStatus.Running, result.status(), error, result.images(), now);
        } finally {
            watchdog.cancel(false);
            try {
                Contexts.deleteTree(runDir);
            } catch (Exception e) {
                LOG.warn("cannot delete the workspace of run {}", id, e);
            }
        }
    }

    /**
     * A run whose request cannot be resolved (its task was deleted, a credential's secret is missing, its own secrets
     * do not decrypt) fails at once.
     */
    private void failBeforeStart(RunRecord run, String error) {
        Instant now = clock.instant();
        try (RunLogs.Writer log = logs.open(run.id(), List.of())) {
            log.line(error);
            log.line(epilogue(run.id(), RunStatus.Failed, error, run.createTime(),
                    store.get(run.id()).map(RunRecord::startTime).orElse(null), now));
        }
        store.finish(run.id(), RunStatus.Running, RunStatus.Failed, error, List.of(), now);
    }

    private Result attempt(RunRecord run, ResolvedRun resolved, Path runDir, RunLogs.Writer log, Cancellation cancellation) {
        QuickRequest request = resolved.request();
        Path workspace = runDir.resolve("workspace");
        Fetched fetched;
        try {
            log.mask(Contexts.secrets(request.source()));
            fetched = contexts.fetch(request.source(), workspace, contexts.access(run.id(), run.registry()), log::line);
        } catch (Exception e) {
            String error = "failed to extract the source context: " + e.getMessage();
            log.line(error);
            return new Result(RunStatus.Failed, error, List.of());
        }
        RunRequest prepared;
        try {
            prepared = resolved.extend(preparation.prepare(run, request, workspace, fetched));
        } catch (Exception e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            log.line(error);
            return new Result(RunStatus.Failed, error, List.of());
        }
        log.mask(prepared.masked());
        if (cancellation.isCanceled()) {
            return new Result(RunStatus.Canceled, "the run was canceled", List.of());
        }
        RunOutcome outcome;
        try {
            outcome = executor.execute(prepared, log, cancellation);
        } catch (RuntimeException e) {
            LOG.error("the executor failed on run {}", run.id(), e);
            return new Result(RunStatus.Error, "the executor failed: " + e.getMessage(), List.of());
        }
        RunStatus status = switch (outcome.status()) {
            case SUCCEEDED -> RunStatus.Succeeded;
            case FAILED -> RunStatus.Failed;
            case CANCELED -> RunStatus.Canceled;
            case TIMEOUT -> RunStatus.Timeout;
            case ERROR -> RunStatus.Error;
        };
        String dependencies = outcome.dependencies().entries().isEmpty() ? null : outcome.dependencies().toJson();
        if (status == RunStatus.Succeeded) {
            return new Result(status, null, outcome.outputImages(), dependencies);
        }
        String error = outcome.error() != null && !outcome.error().isBlank() ? outcome.error()
                : status == RunStatus.Canceled ? "the run was canceled" : "the run ended with status " + status;
        return new Result(status, error, outcome.outputImages(), dependencies);
    }

    /** acb's closing line: {@code Run ID: ca1 was successful after 5s} / {@code … failed after 9s. Error: …}. */
    static String epilogue(String id, RunStatus status, String error, Instant created, Instant started, Instant finished) {
        Instant from = started != null ? started : created;
        String after = goDuration(Duration.between(from, finished));
        return switch (status) {
            case Succeeded -> "Run ID: " + id + " was successful after " + after;
            case Canceled -> "Run ID: " + id + " was canceled after " + after;
            default -> "Run ID: " + id + " failed after " + after + ". Error: " + (error == null ? status.name() : error);
        };
    }

    /** Whole seconds the way Go prints a duration: 5s, 2m31s, 1h0m3s. */
    static String goDuration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + (s % 60) + "s";
        }
        return (s / 3600) + "h" + (s % 3600 / 60) + "m" + (s % 60) + "s";
    }
}
