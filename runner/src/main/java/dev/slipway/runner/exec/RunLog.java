package dev.slipway.runner.exec;

/**
 * Where a run's log lines go, one line at a time without the line break. The executor masks secret values before
 * calling it, so a sink may store or stream lines as they are. Implementations must be thread-safe: parallel steps
 * write concurrently.
 */
@FunctionalInterface
public interface RunLog {
    void line(String text);
}
