package dev.slipway.runner.spec;

import java.util.Optional;

/**
 * A task file that cannot be turned into a runnable spec: bad YAML, an unsupported version, a broken alias section or
 * a rule of acb's validation. The runner's one exception type for specs; the run reports {@link #getMessage()}.
 *
 * <p>{@link #reason()} is acb's own message (kept word for word where acb has one, so logs and tests can be compared
 * with ACR); {@link #getMessage()} adds the step it concerns, when there is one.
 */
public final class TaskSpecException extends RuntimeException {
    private final String stepId;
    private final String reason;

    public TaskSpecException(String reason) {
        this(null, reason, null);
    }

    public TaskSpecException(String reason, Throwable cause) {
        this(null, reason, cause);
    }

    private TaskSpecException(String stepId, String reason, Throwable cause) {
        super(stepId == null ? reason : "failed to validate step with ID: " + stepId + ": " + reason, cause);
        this.stepId = stepId;
        this.reason = reason;
    }

    /** An error about one step; the message names it the way acb names secrets ("failed to validate … ID: x"). */
    public static TaskSpecException forStep(String stepId, String reason) {
        return new TaskSpecException(stepId, reason, null);
    }

    /** The step the error concerns, if any. */
    public Optional<String> stepId() {
        return Optional.ofNullable(stepId);
    }

    /** The rule's own message without the step prefix. */
    public String reason() {
        return reason;
    }
}
