package dev.slipway.cli.support;

/** A failure to report as one line {@code error: <message>} with an exit code (1: the operation failed, 2: bad usage). */
public final class CliException extends RuntimeException {
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public static CliException failed(String message) {
        return new CliException(FAILED, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
