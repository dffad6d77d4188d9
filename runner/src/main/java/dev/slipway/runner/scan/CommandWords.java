package dev.slipway.runner.scan;

import java.util.List;

/**
 * Splits a {@code cmd:} step string into words as a POSIX shell would (quotes and backslashes, no expansion): acb
 * hands the string to {@code /bin/sh -c}, so {@code echo 'hello world'} passes one argument.
 */
public final class CommandWords {
    private CommandWords() {
    }

    /** @throws ScanException for an unterminated quote */
    public static List<String> split(String text) {
        return DockerBuildCommand.tokenize(text);
    }
}
