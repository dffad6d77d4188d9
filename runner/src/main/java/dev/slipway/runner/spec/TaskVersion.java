package dev.slipway.runner.spec;

import java.util.Locale;
import java.util.Set;

/**
 * The task format's {@code version}: which values acb accepts (graph/task.go) and how it decides, from the raw file,
 * whether aliases apply (graph/preprocessor.go FindVersion, compared in cmd/acb/commands/exec/exec.go).
 */
final class TaskVersion {
    /** acb's currentTaskVersion: the default, and the one its error message names. */
    static final String CURRENT = "v1.0.0";
    /** Aliases apply when the raw version string is at least this, compared as strings. */
    static final String ALIASES_FROM = "v1.1.0";
    private static final Set<String> VALID = Set.of("1.0-preview-1", CURRENT, ALIASES_FROM);
    private static final String KEY = "version";

    private TaskVersion() {
    }

    /**
     * The version declared on the first line that is neither blank nor a comment, or "" if that line is not a
     * {@code version:} line at column 0. So a version declared after another key does not enable aliases, exactly
     * as in acb; the value is taken raw (quotes and a trailing comment included).
     */
    static String find(String raw) {
        for (String line : raw.split("\n", -1)) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (text.startsWith(KEY)) {
                int colon = text.indexOf(':');
                if (colon >= 0 && text.substring(0, colon).strip().equals(KEY)) {
                    return text.substring(colon + 1).strip();
                }
            }
            break;
        }
        return "";
    }

    /** acb compares Go strings: {@code "v1.1.0"}, {@code "v1.2"} and {@code "v2"} qualify; {@code "V1.1.0"} does not. */
    static boolean aliasesEnabled(String declared) {
        return declared.compareTo(ALIASES_FROM) >= 0;
    }

    /** Accepts the versions acb knows, in any case. */
    static void check(String version) {
        if (!VALID.contains(version.toLowerCase(Locale.ROOT))) {
            throw new TaskSpecException("invalid version specified: " + goQuote(version)
                    + ", the current version is " + goQuote(CURRENT));
        }
    }

    /** Go's {@code %q}, so the error text matches acb's byte for byte on ordinary input. */
    static String goQuote(String s) {
        var out = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
