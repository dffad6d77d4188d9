package dev.slipway.runner.scan;

/**
 * Why a Dockerfile, an image reference or a build command could not be understood. Messages name the file and line
 * ({@code Dockerfile:7: FROM needs an image}) or the offending text, because "invalid reference format" with no
 * location is the complaint users have with acb (Azure/acr-builder#266).
 */
public final class ScanException extends RuntimeException {

    private final int line;

    public ScanException(String message) {
        super(message);
        this.line = 0;
    }

    private ScanException(int line, String message) {
        super("Dockerfile:" + line + ": " + message);
        this.line = line;
    }

    /** An error about the Dockerfile instruction that starts on {@code line} (1-based). */
    static ScanException at(int line, String message) {
        return new ScanException(line, message);
    }

    /** The 1-based Dockerfile line the error is about, or 0 when it is not about a line. */
    public int line() {
        return line;
    }
}
