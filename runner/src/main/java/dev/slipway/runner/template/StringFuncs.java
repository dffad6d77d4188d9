package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Failure;
import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Functions.Registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sprig's string functions. Argument order follows Sprig (the subject comes last so it can be piped:
 * {@code .Values.name | replace "-" "_"}); case mapping is per code point like Go's, not locale-aware.
 */
final class StringFuncs {
    private StringFuncs() {
    }

    static void register(Registry r) {
        r.fn("upper", a -> mapCodePoints(a.str(0), true), Param.STRING);
        r.fn("lower", a -> mapCodePoints(a.str(0), false), Param.STRING);
        r.fn("title", a -> title(a.str(0)), Param.STRING);
        r.fn("untitle", a -> untitle(a.str(0)), Param.STRING);
        r.fn("trim", a -> trimFunc(a.str(0), StringFuncs::isGoSpace), Param.STRING);
        r.fn("trimAll", a -> trimFunc(a.str(1), c -> a.str(0).indexOf(c) >= 0), Param.STRING, Param.STRING);
        r.alias("trimall", "trimAll");
        r.fn("trimPrefix", a -> a.str(1).startsWith(a.str(0)) ? a.str(1).substring(a.str(0).length()) : a.str(1),
                Param.STRING, Param.STRING);
        r.fn("trimSuffix", a -> a.str(1).endsWith(a.str(0))
                ? a.str(1).substring(0, a.str(1).length() - a.str(0).length()) : a.str(1), Param.STRING, Param.STRING);
        r.fn("nospace", a -> a.str(0).codePoints().filter(c -> !isGoSpace(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString(),
                Param.STRING);
        r.fn("repeat", a -> {
            if (a.integer(0) < 0) {
                throw new Failure("strings: negative Repeat count");
            }
            return a.str(1).repeat(a.integer(0));
        }, Param.INT, Param.STRING);
        r.fn("substr", a -> substr(a.integer(0), a.integer(1), a.str(2)), Param.INT, Param.INT, Param.STRING);
        r.fn("trunc", a -> a.str(1).length() <= a.integer(0) ? a.str(1) : sliceOf(a.str(1), 0, a.integer(0)),
                Param.INT, Param.STRING);
        r.fn("contains", a -> a.str(1).contains(a.str(0)), Param.STRING, Param.STRING);
        r.fn("hasPrefix", a -> a.str(1).startsWith(a.str(0)), Param.STRING, Param.STRING);
        r.fn("hasSuffix", a -> a.str(1).endsWith(a.str(0)), Param.STRING, Param.STRING);
        r.vararg("quote", a -> joinNonNil(a.values(), s -> GoFmt.quote(GoValues.strval(s))), Param.ANY);
        r.vararg("squote", a -> joinNonNil(a.values(), s -> "'" + GoFmt.formatValue(s) + "'"), Param.ANY);
        r.vararg("cat", a -> joinNonNil(a.values(), GoFmt::formatValue), Param.ANY);
        r.fn("indent", a -> indent(a.integer(0), a.str(1)), Param.INT, Param.STRING);
        r.fn("nindent", a -> "\n" + indent(a.integer(0), a.str(1)), Param.INT, Param.STRING);
        r.fn("replace", a -> replace(a.str(2), a.str(0), a.str(1)), Param.STRING, Param.STRING, Param.STRING);
        r.fn("plural", a -> a.integer(2) == 1 ? a.str(0) : a.str(1), Param.STRING, Param.STRING, Param.INT);
        r.fn("split", a -> indexed(split(a.str(1), a.str(0), -1)), Param.STRING, Param.STRING);
        r.fn("splitn", a -> indexed(split(a.str(2), a.str(0), a.integer(1))), Param.STRING, Param.INT,
                Param.STRING);
        r.fn("splitList", a -> new ArrayList<Object>(split(a.str(1), a.str(0), -1)), Param.STRING, Param.STRING);
        r.fn("join", a -> String.join(a.str(0), GoValues.strslice(a.get(1))), Param.STRING, Param.ANY);
        r.fn("toString", a -> GoValues.strval(a.get(0)), Param.ANY);
        r.fn("toStrings", a -> new ArrayList<Object>(GoValues.strslice(a.get(0))), Param.ANY);
        r.fn("sortAlpha", a -> {
            List<String> s = a.get(0) instanceof List<?> ? GoValues.strslice(a.get(0))
                    : List.of(GoValues.strval(a.get(0)));
            List<Object> sorted = new ArrayList<>(s);
            sorted.sort((x, y) -> GoValues.compareCodePoints((String) x, (String) y));
            return sorted;
        }, Param.ANY);
        RegexFuncs.register(r);
    }

    private static String mapCodePoints(String s, boolean upper) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(upper ? Character.toUpperCase(c) : Character.toLowerCase(c)));
        return sb.toString();
    }

    /** strings.Title: the first letter of each word to title case; word breaks per Go's isSeparator. */
    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        int[] prev = {' '};
        s.codePoints().forEach(c -> {
            sb.appendCodePoint(isSeparator(prev[0]) ? Character.toTitleCase(c) : c);
            prev[0] = c;
        });
        return sb.toString();
    }

    /** goutils.Uncapitalize: lower-cases the first letter of each whitespace-separated word. */
    private static String untitle(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean[] boundary = {true};
        s.codePoints().forEach(c -> {
            if (Character.isWhitespace(c)) {
                boundary[0] = true;
                sb.appendCodePoint(c);
            } else {
                sb.appendCodePoint(boundary[0] ? Character.toLowerCase(c) : c);
                boundary[0] = false;
            }
        });
        return sb.toString();
    }

    private static boolean isSeparator(int r) {
        if (r <= 0x7f) {
            return !(Character.isLetterOrDigit(r) || r == '_');
        }
        if (Character.isLetter(r) || Character.isDigit(r)) {
            return false;
        }
        return isGoSpace(r);
    }

    /** unicode.IsSpace. */
    static boolean isGoSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0
                || Character.getType(c) == Character.SPACE_SEPARATOR || c == 0x2028 || c == 0x2029;
    }

    private static String trimFunc(String s, java.util.function.IntPredicate cut) {
        int start = 0;
        int end = s.length();
        while (start < end && cut.test(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && cut.test(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** Sprig's substring: start &lt; 0 means from the beginning; end &lt; 0 or past the end means to the end. */
    private static String substr(int start, int end, String s) {
        if (start < 0) {
            return sliceOf(s, 0, end);
        }
        if (end < 0 || end > s.length()) {
            return sliceOf(s, start, s.length());
        }
        return sliceOf(s, start, end);
    }

    /** Go's s[from:to], failing like Go's runtime when out of bounds. */
    private static String sliceOf(String s, int from, int to) {
        if (from < 0 || to > s.length() || from > to) {
            throw new Failure("runtime error: slice bounds out of range [" + from + ":" + to + "]");
        }
        return s.substring(from, to);
    }

    private static String joinNonNil(List<Object> values, java.util.function.Function<Object, String> format) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            if (v != null) {
                out.add(format.apply(v));
            }
        }
        return String.join(" ", out);
    }

    private static String indent(int spaces, String v) {
        String pad = " ".repeat(Math.max(spaces, 0));
        return pad + v.replace("\n", "\n" + pad);
    }

    /** strings.Replace(s, old, new, -1): an empty {@code old} inserts between every code point. */
    static String replace(String s, String old, String replacement) {
        if (!old.isEmpty()) {
            return s.replace(old, replacement);
        }
        StringBuilder sb = new StringBuilder(replacement);
        s.codePoints().forEach(c -> sb.appendCodePoint(c).append(replacement));
        return sb.toString();
    }

    /** strings.SplitN: an empty separator splits into code points; n &lt; 0 means no limit, 0 means none. */
    static List<String> split(String s, String sep, int n) {
        List<String> parts = new ArrayList<>();
        if (n == 0) {
            return parts;
        }
        if (sep.isEmpty()) {
            int i = 0;
            while (i < s.length() && (n < 0 || parts.size() < n - 1)) {
                int c = s.codePointAt(i);
                parts.add(Character.toString(c));
                i += Character.charCount(c);
            }
            if (i < s.length()) {
                parts.add(s.substring(i));
            }
            return parts;
        }
        int from = 0;
        int at;
        while ((n < 0 || parts.size() < n - 1) && (at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** Sprig's split result: {@code {"_0": first, "_1": second, ...}}. */
    private static Map<String, Object> indexed(List<String> parts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            m.put("_" + i, parts.get(i));
        }
        return m;
    }
}
