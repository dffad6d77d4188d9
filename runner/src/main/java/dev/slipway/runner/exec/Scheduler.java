package dev.slipway.runner.exec;

import dev.slipway.runner.spec.Dag;
import dev.slipway.runner.spec.StepSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Walks the DAG (acb's graph traversal): every step whose dependencies completed starts at once on its own virtual
 * thread. Only this class's calling thread touches the run state; step threads report back through a queue, as do
 * cancellation and the run's deadline. The first failure without ignoreErrors, a cancel or the run timeout aborts:
 * containers are killed, threads interrupted, nothing else starts.
 */
final class Scheduler {
    /** How long an abort waits for step threads to notice before giving up on them. */
    private static final Duration ABORT_GRACE = Duration.ofSeconds(30);

    private sealed interface Event {
    }

    private record Done(StepResult result) implements Event {
    }

    private record Canceled() implements Event {
    }

    /** How the walk ended: {@code failedStep}/{@code error} set on failure; step results in file order. */
    record Result(RunOutcome.Status status, String error, List<StepResult> steps) {
    }

    private final RunContext run;
    private final Dag dag;
    private final StepRunner steps;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, StepResult> results = new LinkedHashMap<>();
    private final Map<String, Thread> running = new ConcurrentHashMap<>();
    private final Set<String> completed = new HashSet<>();

    Scheduler(RunContext run) {
        this.run = run;
        this.dag = run.request.task().dag();
        this.steps = new StepRunner(run);
        dag.steps().forEach(s -> results.put(s.id(), new StepResult(s.id(), StepResult.Status.SKIPPED, null, null,
                null)));
    }

    Result run(Cancellation cancellation) {
        cancellation.onCancel(() -> events.add(new Canceled()));
        long deadline = System.nanoTime() + run.request.timeout().toNanos();
        startReady();
        while (!running.isEmpty()) {
            Event event;
            try {
                event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return abort(RunOutcome.Status.CANCELED, "canceled");
            }
            switch (event) {
                case null -> {
                    return abort(RunOutcome.Status.TIMEOUT, "timed out");
                }
                case Canceled c -> {
                    return abort(RunOutcome.Status.CANCELED, "canceled");
                }
                case Done done -> {
                    StepResult r = done.result();
                    running.remove(r.id());
                    results.put(r.id(), r);
                    boolean ignored = dag.step(r.id()).properties().ignoreErrors();
                    if (r.status() == StepResult.Status.FAILED && !ignored) {
                        return abort(RunOutcome.Status.FAILED, "failed to run step ID: " + r.id() + ": " + r.error());
                    }
                    completed.add(r.id());
                    if (!cancellation.isCanceled()) {
                        startReady();
                    }
                }
            }
        }
        if (cancellation.isCanceled()) {
            return new Result(RunOutcome.Status.CANCELED, "canceled", List.copyOf(results.values()));
        }
        return new Result(RunOutcome.Status.SUCCEEDED, null, List.copyOf(results.values()));
    }

    private void startReady() {
        for (String id : dag.ready(completed)) {
            if (running.containsKey(id) || results.get(id).status() != StepResult.Status.SKIPPED) {
                continue;
            }
            StepSpec step = dag.step(id);
            results.put(id, new StepResult(id, StepResult.Status.IN_PROGRESS, run.clock.instant(), null, null));
            // Registered before start so that a fast step's Done can never arrive for an unknown thread.
            Thread thread = Thread.ofVirtual().name("step-" + id).unstarted(() -> events.add(new Done(steps.run(step))));
            running.put(id, thread);
            thread.start();
        }
    }

    private Result abort(RunOutcome.Status status, String error) {
        run.abort();
        running.values().forEach(Thread::interrupt);
        long until = System.nanoTime() + ABORT_GRACE.toNanos();
        while (!running.isEmpty() && System.nanoTime() < until) {
            try {
                Event event = events.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event instanceof Done done) {
                    running.remove(done.result().id());
                    results.put(done.result().id(), done.result());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Result(status, error, List.copyOf(results.values()));
    }
}
