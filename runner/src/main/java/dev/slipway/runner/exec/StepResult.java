package dev.slipway.runner.exec;

import java.time.Instant;

/**
 * One step's result, acb's step status values: {@code skipped} (never started), {@code inprogress},
 * {@code successful}, {@code failed}.
 *
 * @param start null when the step never started
 * @param end   null when the step never started or did not finish
 * @param error null unless failed
 */
public record StepResult(String id, Status status, Instant start, Instant end, String error) {
    public enum Status { SKIPPED, IN_PROGRESS, SUCCESSFUL, FAILED }
}
