package dev.slipway.runner.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Drops comment lines the way acb does before aliases and templating (graph/preprocessor.go SeparateAliasFromRest):
 * every line whose first non-blank character is {@code #} goes, even inside a block scalar; a {@code #} after other
 * text stays (YAML drops it later, templating sees it). Lines come back {@code \n}-terminated, CRLF included.
 *
 * <p>acb applies this on its alias path only, i.e. to files whose version enables aliases; {@link TaskFile} does the
 * same, so a {@code v1.0.0} file renders exactly as on ACR.
 */
public final class Comments {
    /** Go's {@code \A\s*#}: RE2's {@code \s} is ASCII whitespace only. */
    private static final Pattern COMMENT = Pattern.compile("^[\\t\\n\\f\\r ]*#");

    private Comments() {
    }

    public static String strip(String yaml) {
        var out = new StringBuilder(yaml.length());
        for (String line : lines(yaml)) {
            if (!COMMENT.matcher(line).find()) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** Go's bufio.ScanLines: split on {@code \n}, drop one trailing {@code \r}, no empty last line. */
    static List<String> lines(String text) {
        var lines = new ArrayList<String>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            start = end + 1;
        }
        return lines;
    }
}
