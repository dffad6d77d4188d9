package dev.slipway.runner.template;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt} for template values: {@code Sprint}, {@code Sprintln}, {@code Sprintf} with the verbs
 * {@code %v %s %d %q %t %x %X %o %b %c %U %e %f %g %T}, flags {@code + - # 0 space}, width, precision,
 * {@code *} and {@code [n]} indexes, and Go's inline error forms ({@code %!d(string=x)}, {@code %!s(MISSING)},
 * {@code %!(EXTRA ...)}). Lists print as {@code [a b]}, maps as {@code map[k:v]} in sorted key order.
 */
final class GoFmt {
    private GoFmt() {
    }

    /** {@code %v} of one value, as a template prints a pipeline result. */
    static String formatValue(Object v) {
        Printer p = new Printer();
        p.printArg(v, 'v');
        return p.buf.toString();
    }

    /** fmt.Sprint: a space between operands when neither side is a string. */
    static String sprint(List<Object> args) {
        Printer p = new Printer();
        boolean prevString = false;
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            boolean isString = arg instanceof String;
            if (i > 0 && !isString && !prevString) {
                p.buf.append(' ');
            }
            p.printArg(arg, 'v');
            prevString = isString;
        }
        return p.buf.toString();
    }

    /** fmt.Sprintln: always a space between operands, and a newline. */
    static String sprintln(List<Object> args) {
        Printer p = new Printer();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                p.buf.append(' ');
            }
            p.printArg(args.get(i), 'v');
        }
        return p.buf.append('\n').toString();
    }

    static String sprintf(String format, List<Object> args) {
        Printer p = new Printer();
        Sprintf.run(p, format, args);
        return p.buf.toString();
    }

    /** strconv.Quote: Go escapes, printable Unicode kept. */
    static String quote(String s) {
        return quoteWith(s, '"', false);
    }

    static String quoteWith(String s, char quote, boolean asciiOnly) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(r -> appendEscaped(sb, r, quote, asciiOnly));
        return sb.append(quote).toString();
    }

    private static void appendEscaped(StringBuilder sb, int r, char quote, boolean asciiOnly) {
        if (r == quote || r == '\\') {
            sb.append('\\').appendCodePoint(r);
            return;
        }
        if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) {
            sb.appendCodePoint(r);
            return;
        }
        switch (r) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (r < ' ' || r == 0x7f) {
                    sb.append("\\x").append(hex(r, 2));
                } else if (r >= 0xD800 && r < 0xE000) {
                    sb.append("\\ufffd");
                } else if (r < 0x10000) {
                    sb.append("\\u").append(hex(r, 4));
                } else {
                    sb.append("\\U").append(hex(r, 8));
                }
            }
        }
    }

    private static String hex(int v, int width) {
        String h = Integer.toHexString(v);
        return "0".repeat(Math.max(0, width - h.length())) + h;
    }

    /** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int r) {
        if (r == ' ') {
            return true;
        }
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                 Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                 Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                 Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    /** strconv.CanBackquote. */
    static boolean canBackquote(String s) {
        return s.codePoints().allMatch(r -> r != '`' && r != 0xFEFF && (r >= ' ' || r == '\t') && r != 0x7f);
    }

    /** Formatting state of one fmt call: the output and the flags of the verb being printed. */
    static final class Printer {
        final StringBuilder buf = new StringBuilder();
        boolean plus;
        boolean minus;
        boolean sharp;
        boolean space;
        boolean zero;
        boolean sharpV;
        boolean widPresent;
        boolean precPresent;
        int wid;
        int prec;

        void clearFlags() {
            plus = minus = sharp = space = zero = sharpV = widPresent = precPresent = false;
            wid = prec = 0;
        }

        void printArg(Object arg, char verb) {
            if (arg == null || arg == GoValues.NO_VALUE) {
                if (verb == 'v' || verb == 'T') {
                    pad("<nil>");
                } else {
                    badVerb(verb, arg);
                }
                return;
            }
            if (verb == 'T') {
                pad(GoValues.typeName(arg));
                return;
            }
            switch (arg) {
                case Boolean b -> {
                    if (verb == 't' || verb == 'v') {
                        pad(b.toString());
                    } else {
                        badVerb(verb, arg);
                    }
                }
                case String s -> Verbs.fmtString(this, s, verb);
                case BigInteger bi when bi.bitLength() >= 64 -> {
                    if (verb == 'v' || verb == 'd') {
                        pad(bi.toString());
                    } else {
                        badVerb(verb, arg);
                    }
                }
                case Number n when GoValues.isIntegral(n) -> Verbs.fmtInteger(this, GoValues.toLong(n), verb, arg);
                case Float f -> Verbs.fmtFloat(this, f, verb, true, arg);
                case Number n -> Verbs.fmtFloat(this, n.doubleValue(), verb, false, arg);
                case List<?> list -> {
                    buf.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        if (i > 0) {
                            buf.append(' ');
                        }
                        printElement(list.get(i), verb);
                    }
                    buf.append(']');
                }
                case Map<?, ?> map -> {
                    buf.append("map[");
                    boolean first = true;
                    for (Object key : GoValues.sortedKeys(map)) {
                        if (!first) {
                            buf.append(' ');
                        }
                        first = false;
                        printElement(key, verb);
                        buf.append(':');
                        printElement(map.get(key), verb);
                    }
                    buf.append(']');
                }
                case GoTime t -> {
                    if ("vsxXq".indexOf(verb) >= 0) {
                        Verbs.fmtString(this, t.toString(), verb == 'v' ? 's' : verb);
                    } else {
                        badVerb(verb, arg);
                    }
                }
                default -> pad(String.valueOf(arg));
            }
        }

        /** Inside a list or map a nil prints as {@code <nil>} whatever the verb. */
        private void printElement(Object v, char verb) {
            if (v == null) {
                pad("<nil>");
            } else {
                printArg(v, verb);
            }
        }

        void badVerb(char verb, Object arg) {
            buf.append("%!").append(verb).append('(');
            if (arg == null || arg == GoValues.NO_VALUE) {
                buf.append("<nil>");
            } else {
                buf.append(GoValues.typeName(arg)).append('=');
                printArg(arg, 'v');
            }
            buf.append(')');
        }

        /** Pads to the width with spaces (or zeros with the 0 flag) on the left, or on the right with '-'. */
        void pad(String s) {
            if (!widPresent || wid == 0) {
                buf.append(s);
                return;
            }
            int width = wid - s.codePointCount(0, s.length());
            if (width <= 0) {
                buf.append(s);
            } else if (minus) {
                buf.append(s).append(" ".repeat(width));
            } else {
                buf.append((zero ? "0" : " ").repeat(width)).append(s);
            }
        }

        void writePadding(int n) {
            if (n > 0) {
                buf.append((zero ? "0" : " ").repeat(n));
            }
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
