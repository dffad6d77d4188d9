package dev.slipway.runner.exec;

/** An engine operation failed; the message names the operation and the object, plus the engine's own words. */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
