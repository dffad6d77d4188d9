package dev.slipway.runner.template;

import java.math.BigInteger;

/**
 * Go literal syntax: {@code strconv.Unquote} for strings and rune constants, and the number rules of
 * {@code parse.newNumber} (an integral float like {@code 1.0} is usable as an integer too).
 */
final class Literals {
    private Literals() {
    }

    /** Thrown with Go's wording; the parser adds the location. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    /** Unquotes a Go {@code "..."} or {@code `...`} literal. */
    static String unquote(String quoted) {
        char q = quoted.charAt(0);
        if (quoted.length() < 2 || quoted.charAt(quoted.length() - 1) != q) {
            throw new SyntaxError("invalid syntax");
        }
        String body = quoted.substring(1, quoted.length() - 1);
        if (q == '`') {
            if (body.indexOf('`') >= 0) {
                throw new SyntaxError("invalid syntax");
            }
            return body.replace("\r", "");
        }
        StringBuilder sb = new StringBuilder(body.length());
        int[] at = {0};
        while (at[0] < body.length()) {
            char c = body.charAt(at[0]);
            if (c == q || c == '\n') {
                throw new SyntaxError("invalid syntax");
            }
            sb.appendCodePoint(unquoteChar(body, at, q));
        }
        return sb.toString();
    }

    /** The rune value of a {@code 'x'} constant. */
    static int unquoteRune(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (body.isEmpty() || body.charAt(0) == '\'' && body.length() == 1) {
            throw new SyntaxError("invalid syntax");
        }
        int[] at = {0};
        int r = unquoteChar(body, at, '\'');
        if (at[0] != body.length()) {
            throw new SyntaxError("malformed character constant: " + quoted);
        }
        return r;
    }

    /** One possibly escaped character of {@code s} at {@code at[0]}, advancing it (Go's strconv.UnquoteChar). */
    private static int unquoteChar(String s, int[] at, char quote) {
        int i = at[0];
        char c = s.charAt(i);
        if (c != '\\') {
            int cp = s.codePointAt(i);
            at[0] = i + Character.charCount(cp);
            return cp;
        }
        if (i + 1 >= s.length()) {
            throw new SyntaxError("invalid syntax");
        }
        char e = s.charAt(i + 1);
        at[0] = i + 2;
        return switch (e) {
            case 'a' -> 7;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            case '\\' -> '\\';
            case '\'', '"' -> {
                if (e != quote) {
                    throw new SyntaxError("invalid syntax");
                }
                yield e;
            }
            case 'x' -> hex(s, at, 2);
            case 'u' -> hex(s, at, 4);
            case 'U' -> hex(s, at, 8);
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                if (i + 4 > s.length()) {
                    throw new SyntaxError("invalid syntax");
                }
                int v = 0;
                for (int k = i + 1; k < i + 4; k++) {
                    int d = s.charAt(k) - '0';
                    if (d < 0 || d > 7) {
                        throw new SyntaxError("invalid syntax");
                    }
                    v = v * 8 + d;
                }
                if (v > 255) {
                    throw new SyntaxError("invalid syntax");
                }
                at[0] = i + 4;
                yield v;
            }
            default -> throw new SyntaxError("invalid syntax");
        };
    }

    private static int hex(String s, int[] at, int n) {
        int start = at[0];
        if (start + n > s.length()) {
            throw new SyntaxError("invalid syntax");
        }
        int v;
        try {
            v = (int) Long.parseLong(s.substring(start, start + n), 16);
        } catch (NumberFormatException e) {
            throw new SyntaxError("invalid syntax");
        }
        if (n > 2 && (v > 0x10FFFF || (v >= 0xD800 && v < 0xE000))) {
            throw new SyntaxError("invalid syntax");
        }
        at[0] = start + n;
        return v;
    }

    /** Builds a number node from a NUMBER or CHAR_CONSTANT token, with Go's interpretation rules. */
    static Node.Number number(int pos, String text, boolean charConstant) {
        if (charConstant) {
            int r = unquoteRune(text);
            return new Node.Number(pos, text, true, r, true, r, true);
        }
        Long asInt = parseInt(text);
        if (asInt != null) {
            return new Node.Number(pos, text, true, asInt, true, asInt.doubleValue(), false);
        }
        Double asFloat = parseFloat(text);
        if (asFloat != null) {
            if (!text.matches(".*[.eEpP].*")) {
                throw new SyntaxError("integer overflow: " + GoFmt.quote(text));
            }
            double f = asFloat;
            boolean integral = !Double.isInfinite(f) && f == Math.rint(f) && Math.abs(f) < 0x1p63;
            return new Node.Number(pos, text, integral, integral ? (long) f : 0, true, f, false);
        }
        throw new SyntaxError("illegal number syntax: " + GoFmt.quote(text));
    }

    /** strconv.ParseInt(text, 0, 64): optional sign, 0x/0o/0b/leading-0 prefixes, underscores between digits. */
    static Long parseInt(String text) {
        String s = text;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        int radix = 10;
        boolean prefixed = false;
        if (s.length() > 1 && s.charAt(0) == '0') {
            char p = Character.toLowerCase(s.charAt(1));
            radix = switch (p) {
                case 'x' -> 16;
                case 'o' -> 8;
                case 'b' -> 2;
                default -> 8;
            };
            prefixed = p == 'x' || p == 'o' || p == 'b';
            s = s.substring(prefixed ? 2 : 1);
            if (prefixed && s.startsWith("_")) {
                s = s.substring(1);
            }
        }
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        if (s.indexOf('_') >= 0 && !(prefixed || radix == 8 || text.matches("[+-]?[1-9].*"))) {
            return null;
        }
        try {
            BigInteger v = new BigInteger(s.replace("_", ""), radix);
            if (neg) {
                v = v.negate();
            }
            return v.bitLength() < 64 ? v.longValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseFloat(String text) {
        String s = text.replace("_", "");
        if (s.matches("[+-]?0[xX].*") && !s.matches(".*[pP].*")) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
