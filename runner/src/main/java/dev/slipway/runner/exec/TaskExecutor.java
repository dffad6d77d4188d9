package dev.slipway.runner.exec;

/**
 * Runs one prepared task to its end. Blocking: the caller gives each run its own (virtual) thread. The log receives
 * acb-style lines (already masked); {@code cancellation} stops the run early with status CANCELED.
 */
@FunctionalInterface
public interface TaskExecutor {
    RunOutcome execute(RunRequest request, RunLog log, Cancellation cancellation);
}
