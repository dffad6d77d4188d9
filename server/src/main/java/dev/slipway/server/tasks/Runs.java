package dev.slipway.server.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.runner.exec.TaskExecutor;
import dev.slipway.server.meta.Jdbc;
import dev.slipway.server.secrets.SealedValue;
import dev.slipway.server.secrets.SecretStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Task runs: create (Queued), a FIFO queue with bounded concurrency, cancel, logs, history and log retention.
 * Queued runs survive a restart; runs that were running when the server died end as Error. The secret values of
 * a request are encrypted at rest until the run ends, then dropped.
 */
public final class Runs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);
    private static final long MAX_CONTEXT_BYTES = 2L << 30;

    private final RunStore store;
    private final RunLogs logs;
    private final Contexts contexts;
    private final RunQueue queue;
    private final RunSettings settings;
    private final Path runsDir;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("slipway-runs-timer").factory());

    private final Tasks tasks;

    /**
     * @param tasks   named tasks whose runs this executes; null = quick runs only
     * @param secrets the built-in secret store: resolves task files' {@code secrets:}; its key seals requests
     */
    public Runs(Jdbc jdbc, Path dataDir, RunSettings settings, TaskExecutor executor, RunTokens tokens, Clock clock,
                Tasks tasks, SecretStore secrets) throws IOException {
        this.tasks = tasks;
        this.store = new RunStore(jdbc, settings.idPrefix(), secrets.cipher());
        this.runsDir = Files.createDirectories(dataDir.resolve("runs"));
        this.logs = new RunLogs(runsDir);
        this.contexts = new Contexts(dataDir.resolve("contexts"), tokens);
        this.settings = settings;
        this.clock = clock;
        RunWorker[] worker = new RunWorker[1];
        this.queue = new RunQueue(settings.maxConcurrent(), id -> worker[0].run(id));
        worker[0] = new RunWorker(store, logs, contexts, new RunPreparation(tokens, clock, secrets.keyvaultResolver()),
                executor, queue, runsDir, timer, clock, queue::closed, this::resolve);
    }

    /** The values queued runs hold sealed with the secret key; read at start, before the key is opened. */
    public static List<SealedValue> sealedValues(Jdbc jdbc) {
        return RunStore.sealedValues(jdbc);
    }

    /** Ends runs the last process left running, queues the waiting ones in order, schedules log retention. */
    public void start() {
        for (String id : store.idsWithStatus(RunStatus.Running)) {
            RunRecord run = store.get(id).orElseThrow();
            Instant now = clock.instant();
            if (store.finish(id, RunStatus.Running, RunStatus.Error, RunWorker.SERVER_STOPPED, List.of(), now)) {
                store.dropSecrets(id);
                try (RunLogs.Writer log = logs.open(id, List.of())) {
                    log.line(RunWorker.epilogue(id, RunStatus.Error, RunWorker.SERVER_STOPPED, run.createTime(), run.startTime(), now));
                }
                try {
                    Contexts.deleteTree(runsDir.resolve(id));
                } catch (IOException e) {
                    LOG.warn("cannot delete the workspace of run {}", id, e);
                }
                LOG.warn("run {} was running when the server stopped; it ends as Error", id);
            }
        }
        store.sealQueued();
        List<String> queued = store.idsWithStatus(RunStatus.Queued);
        queued.forEach(queue::submit);
        if (!queued.isEmpty()) {
            LOG.info("re-queued {} runs", queued.size());
        }
        long every = settings.retentionInterval().toMillis();
        timer.scheduleWithFixedDelay(this::purgeLogs, Math.min(every, 10_000), every, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a run.
     *
     * @param registry the run's own registry (the login server its tags are prefixed with)
     */
    public RunRecord create(JsonNode request, String registry) throws IOException {
        QuickRequest q = RunRequests.parse(request);
        contexts.check(q.source());
        RunRecord run = store.insert(new RunStore.NewRun(q.type(), null, q.os(), q.architecture(), registry, request),
                clock.instant());
        logs.create(run.id());
        queue.submit(run.id());
        return run;
    }

    /** {@code az acr task run}: queues a run of a named task with the given overrides (AutoBuild or AutoRun). */
    public RunRecord createTaskRun(String task, JsonNode overrides, String registry) throws IOException {
        if (tasks == null) {
            throw RunException.invalid("named tasks are not available on this server");
        }
        TaskRuns.Queued q = TaskRuns.queue(tasks, task, overrides);
        contexts.check(q.source());
        RunRecord run = store.insert(new RunStore.NewRun(q.type(), q.task(), q.os(), q.architecture(), registry,
                q.request()), clock.instant());
        logs.create(run.id());
        queue.submit(run.id());
        return run;
    }

    /** A stored request → what to execute (quick runs as they are; task runs with the task as it is now). */
    private ResolvedRun resolve(JsonNode request) {
        if (TaskRuns.isTaskRun(request)) {
            if (tasks == null) {
                throw RunException.invalid("named tasks are not available on this server");
            }
            return TaskRuns.resolve(tasks, request);
        }
        return ResolvedRun.quick(RunRequests.parse(request));
    }

    public RunRecord get(String id) {
        return store.get(id).orElseThrow(() -> RunException.notFound(id));
    }

    /** Newest first. */
    public List<RunRecord> list(RunFilter filter) {
        int top = Math.max(1, filter.top());
        if (filter.image() == null) {
            return store.list(filter.status(), filter.task(), top);
        }
        return store.list(filter.status(), filter.task(), Integer.MAX_VALUE).stream()
                .filter(r -> r.outputImages().stream().anyMatch(i -> OutputImage.parse(i).matches(filter.image())))
                .limit(top).toList();
    }

    /** A queued run ends as Canceled at once; a running one is asked to stop (it ends as Canceled when it has). */
    public RunRecord cancel(String id) {
        RunRecord run = get(id);
        if (run.status().terminal()) {
            throw new RunException(RunException.Kind.CONFLICT, "run " + id + " has already ended (" + run.status() + ")");
        }
        if (queue.remove(id) || (!queue.cancel(id) && run.status() == RunStatus.Queued)) {
            Instant now = clock.instant();
            if (store.finish(id, RunStatus.Queued, RunStatus.Canceled, "the run was canceled", List.of(), now)) {
                store.dropSecrets(id);
                try (RunLogs.Writer log = logs.open(id, List.of())) {
                    log.line(RunWorker.epilogue(id, RunStatus.Canceled, null, run.createTime(), null, now));
                }
            }
        }
        return get(id);
    }

    public RunRecord setArchive(String id, boolean enabled) {
        store.setArchive(id, enabled);
        return get(id);
    }

    /** acb's dependency report of a run as JSON ({@code []} when it built nothing or has not ended). */
    public String dependencies(String id) {
        return store.dependencies(id).orElse("[]");
    }

    /** Stores an uploaded tar.gz context; returns its source location {@code upload:sha256:<hex>}. */
    public String uploadContext(InputStream body) throws IOException {
        return contexts.store(body, MAX_CONTEXT_BYTES);
    }

    /** Copies a run's log from {@code offset}; with {@code follow}, until the run has ended. */
    public void copyLog(String id, long offset, boolean follow, OutputStream out) throws IOException {
        RunRecord run = get(id);
        if (run.logDeleted()) {
            throw new RunException(RunException.Kind.NOT_FOUND, "the log of run " + id + " is no longer kept");
        }
        logs.copy(id, offset, follow, () -> store.get(id).map(r -> r.status().terminal()).orElse(true), out);
    }

    void purgeLogs() {
        try {
            Instant cutoff = clock.instant().minus(settings.logRetention());
            for (String id : store.expiredLogs(cutoff)) {
                logs.delete(id);
                store.markLogDeleted(id);
                LOG.info("deleted the log of run {} (finished before {})", id, cutoff);
            }
        } catch (Exception e) {
            LOG.warn("run log retention failed", e);
        }
    }

    /** Stops starting runs, cancels the running ones (they end as Error) and waits for them briefly. */
    @Override
    public void close() {
        queue.close(settings.shutdownWait());
        timer.shutdownNow();
    }
}
