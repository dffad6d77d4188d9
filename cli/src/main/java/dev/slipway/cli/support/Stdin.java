package dev.slipway.cli.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads from standard input without buffering ahead (so a later read still sees the rest). */
public final class Stdin {
    private Stdin() { }

    /** One line without its line end, or null at end of input. */
    public static String readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                return null;
            }
        } catch (IOException e) {
            throw CliException.failed("cannot read standard input: " + e.getMessage());
        }
        return stripLineEnd(line.toString(StandardCharsets.UTF_8));
    }

    /** All of standard input without the trailing line end (as {@code docker login --password-stdin}). */
    public static String readAll(InputStream in) {
        try {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            while (s.endsWith("\n") || s.endsWith("\r")) {
                s = s.substring(0, s.length() - 1);
            }
            return s;
        } catch (IOException e) {
            throw CliException.failed("cannot read standard input: " + e.getMessage());
        }
    }

    private static String stripLineEnd(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
