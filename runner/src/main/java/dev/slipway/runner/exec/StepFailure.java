package dev.slipway.runner.exec;

/** A step attempt failed; the message is acb's error text ({@code exit status 1}, {@code timed out}…). */
final class StepFailure extends RuntimeException {
    static final String TIMED_OUT = "timed out";

    private final boolean timedOut;

    StepFailure(String message) {
        this(message, false);
    }

    private StepFailure(String message, boolean timedOut) {
        super(message, null, false, false);
        this.timedOut = timedOut;
    }

    static StepFailure timedOut() {
        return new StepFailure(TIMED_OUT, true);
    }

    /** The step's own timeout expired: no retry can help, the step is over. */
    boolean isTimeout() {
        return timedOut;
    }
}
