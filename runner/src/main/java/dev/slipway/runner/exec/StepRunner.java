package dev.slipway.runner.exec;

import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.PushStep;
import dev.slipway.runner.spec.StepProperties;
import dev.slipway.runner.spec.StepSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One step from start to end, as acb's builder runs it: the start delay, then (within the step's timeout) the
 * push, or the container/build attempts with repeat and retries; finally the {@code marked as} line. Returns the
 * step's result; a step stopped by the run's abort stays in progress.
 */
final class StepRunner {
    private final RunContext run;
    private final CmdStepRunner cmds;
    private final BuildStepRunner builds;
    private final PushStepRunner pushes;

    StepRunner(RunContext run) {
        this.run = run;
        this.cmds = new CmdStepRunner(run);
        this.builds = new BuildStepRunner(run);
        this.pushes = new PushStepRunner(run);
    }

    /** A body of work that may be attempted several times; {@code output} gets every line it prints. */
    private interface Attempt {
        void run(Consumer<String> output);
    }

    StepResult run(StepSpec step) {
        Instant start = run.clock.instant();
        long startNanos = System.nanoTime();
        String error = null;
        try {
            execute(step);
        } catch (StepFailure e) {
            error = e.getMessage();
        } catch (EngineException e) {
            error = e.getMessage();
        } catch (InterruptedException e) {
            error = "canceled";
        } catch (RuntimeException e) {
            // Whatever breaks, the scheduler must hear back from this step or the run would hang.
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (run.aborted() && error != null) {
            return new StepResult(step.id(), StepResult.Status.IN_PROGRESS, start, null, null);
        }
        Thread.interrupted(); // a watchdog's late interrupt must not leak into the next step on this thread
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        String status = error == null ? "successful" : "failed";
        run.log.info("Step ID: %s marked as %s (elapsed time in seconds: %s)", step.id(), status,
                String.format(Locale.ROOT, "%f", elapsed));
        return new StepResult(step.id(), error == null ? StepResult.Status.SUCCESSFUL : StepResult.Status.FAILED,
                start, run.clock.instant(), error);
    }

    private void execute(StepSpec step) throws InterruptedException {
        StepProperties p = step.properties();
        if (p.startDelay() > 0) {
            run.log.info("Waiting %d seconds before executing step ID: %s", p.startDelay(), step.id());
            run.sleeper.sleep(Duration.ofSeconds(p.startDelay()));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(p.timeout()).toNanos();
        if (step instanceof PushStep push) {
            pushes.run(push, deadline);
            return;
        }
        run.log.info("Executing step ID: %s. Timeout(sec): %d, Working directory: '%s', Network: '%s'", step.id(),
                p.timeout(), p.workingDirectory().orElse(""), p.network().orElse(""));
        Attempt attempt = switch (step) {
            case CmdStep cmd -> {
                CmdStepRunner.Plan plan = cmds.plan(cmd);
                yield out -> cmds.attempt(step.id(), plan, deadline, out);
            }
            case BuildStep build -> {
                BuildSpec spec = builds.plan(build);
                yield out -> builds.attempt(spec, deadline, out);
            }
            case PushStep push -> throw new IllegalStateException("handled above");
        };
        var errors = new ArrayList<String>();
        for (int i = 0; i <= p.repeat(); i++) {
            try {
                withRetries(step, attempt);
            } catch (StepFailure e) {
                if (e.isTimeout() || run.aborted()) {
                    throw e;
                }
                errors.add(e.getMessage()); // acb runs every repetition and reports all failures
            }
        }
        if (!errors.isEmpty()) {
            throw new StepFailure(String.join("; ", errors));
        }
    }

    private void withRetries(StepSpec step, Attempt attempt) throws InterruptedException {
        StepProperties p = step.properties();
        for (int n = 0; ; n++) {
            List<String> seen = new ArrayList<>();
            Consumer<String> output = line -> {
                run.log.output(step.id(), line);
                if (!p.retryOnErrors().isEmpty()) {
                    synchronized (seen) {
                        seen.add(line);
                    }
                }
            };
            try {
                attempt.run(output);
                return;
            } catch (StepFailure e) {
                if (e.isTimeout() || run.aborted() || !retryable(p, seen)) {
                    throw e;
                }
                if (n >= p.retries()) {
                    run.log.info("Container failed during run: %s. No retries remaining.", step.id());
                    throw e;
                }
                run.log.info("Container failed during run: %s, waiting %d seconds before retrying...", step.id(),
                        p.retryDelay());
                run.sleeper.sleep(Duration.ofSeconds(p.retryDelay()));
            }
        }
    }

    /** acb's retryOnErrors: when set, only a failure whose output names one of them is retried. */
    private static boolean retryable(StepProperties p, List<String> seen) {
        if (p.retryOnErrors().isEmpty()) {
            return true;
        }
        synchronized (seen) {
            return seen.stream().anyMatch(line -> p.retryOnErrors().stream().anyMatch(line::contains));
        }
    }
}
