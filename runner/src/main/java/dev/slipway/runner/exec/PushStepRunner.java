package dev.slipway.runner.exec;

import dev.slipway.runner.scan.Tags;
import dev.slipway.runner.spec.PushStep;
import java.time.Duration;

/** A {@code push} step: each image in turn, three attempts each with acb's backoff (250 ms doubling, 5 s cap). */
final class PushStepRunner {
    static final int ATTEMPTS = 3;

    private final RunContext run;

    PushStepRunner(RunContext run) {
        this.run = run;
    }

    void run(PushStep step, long deadlineNanos) throws InterruptedException {
        for (String written : step.images()) {
            String image = Tags.prefixRegistry(written, run.request.registry(), run.knownRegistries());
            for (int attempt = 1; ; attempt++) {
                run.log.info("Pushing image: %s, attempt %d", image, attempt);
                try {
                    String digest = Watchdog.within(deadlineNanos, () -> run.engine.pushImage(image,
                            run.loginFor(image).orElse(null), line -> run.log.output(step.id(), line)));
                    run.pushed(image, digest);
                    run.log.info("Successfully pushed image: %s", image);
                    break;
                } catch (EngineException e) {
                    if (attempt == ATTEMPTS || run.aborted()) {
                        throw new StepFailure(e.getMessage());
                    }
                    run.sleeper.sleep(backoff(attempt));
                }
            }
        }
    }

    static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(5000, 250L << (attempt - 1)));
    }
}
