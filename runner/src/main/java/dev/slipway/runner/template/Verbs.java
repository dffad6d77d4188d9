package dev.slipway.runner.template;

import dev.slipway.runner.template.GoFmt.Printer;

/** Go's {@code fmt} verb handling for strings, integers and floats (fmt/print.go and fmt/format.go). */
final class Verbs {
    private static final String LOWER_HEX = "0123456789abcdef";
    private static final String UPPER_HEX = "0123456789ABCDEF";

    private Verbs() {
    }

    static void fmtString(Printer p, String s, char verb) {
        switch (verb) {
            case 'v' -> {
                if (p.sharpV) {
                    p.pad(GoFmt.quote(s));
                } else {
                    p.pad(truncate(p, s));
                }
            }
            case 's' -> p.pad(truncate(p, s));
            case 'x' -> hexString(p, s, LOWER_HEX);
            case 'X' -> hexString(p, s, UPPER_HEX);
            case 'q' -> {
                String t = truncate(p, s);
                if (p.sharp && GoFmt.canBackquote(t)) {
                    p.pad("`" + t + "`");
                } else {
                    p.pad(GoFmt.quoteWith(t, '"', p.plus));
                }
            }
            default -> p.badVerb(verb, s);
        }
    }

    /** Precision on a string keeps that many runes. */
    private static String truncate(Printer p, String s) {
        if (p.precPresent && s.codePointCount(0, s.length()) > p.prec) {
            return s.substring(0, s.offsetByCodePoints(0, p.prec));
        }
        return s;
    }

    private static void hexString(Printer p, String s, String digits) {
        byte[] b = GoFmt.utf8(s);
        int length = p.precPresent && p.prec < b.length ? p.prec : b.length;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            if (p.space && i > 0) {
                sb.append(' ');
            }
            if (p.sharp && (p.space || i == 0)) {
                sb.append('0').append(digits.charAt(10) == 'a' ? 'x' : 'X');
            }
            int c = b[i] & 0xff;
            sb.append(digits.charAt(c >> 4)).append(digits.charAt(c & 0xf));
        }
        p.pad(sb.toString());
    }

    static void fmtInteger(Printer p, long v, char verb, Object arg) {
        switch (verb) {
            case 'v', 'd' -> integer(p, v, 10, verb, LOWER_HEX);
            case 'b' -> integer(p, v, 2, verb, LOWER_HEX);
            case 'o', 'O' -> integer(p, v, 8, verb, LOWER_HEX);
            case 'x' -> integer(p, v, 16, verb, LOWER_HEX);
            case 'X' -> integer(p, v, 16, verb, UPPER_HEX);
            case 'c' -> p.pad(validRune(v) ? Character.toString((int) v) : "\ufffd");
            case 'q' -> p.pad(GoFmt.quoteWith(validRune(v) ? Character.toString((int) v) : "\ufffd", '\'', p.plus));
            case 'U' -> {
                String hex = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
                String u = "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
                if (p.sharp && validRune(v) && GoFmt.isPrint((int) v)) {
                    u += " '" + Character.toString((int) v) + "'";
                }
                p.pad(u);
            }
            default -> p.badVerb(verb, arg);
        }
    }

    private static boolean validRune(long v) {
        return v >= 0 && v <= 0x10FFFF && (v < 0xD800 || v >= 0xE000);
    }

    /** fmt.fmtInteger: precision or the 0 flag give leading zeros; # adds 0x / 0 / 0b. */
    private static void integer(Printer p, long v, int base, char verb, String digits) {
        boolean negative = v < 0;
        String magnitude = negative ? Long.toUnsignedString(-v, base) : Long.toString(v, base);
        if (v == Long.MIN_VALUE) {
            magnitude = Long.toUnsignedString(v, base);
        }
        if (digits == UPPER_HEX) {
            magnitude = magnitude.toUpperCase(java.util.Locale.ROOT);
        }
        int prec = 0;
        if (p.precPresent) {
            prec = p.prec;
            if (prec == 0 && v == 0) {
                boolean oldZero = p.zero;
                p.zero = false;
                p.writePadding(p.wid);
                p.zero = oldZero;
                return;
            }
        } else if (p.zero && !p.minus && p.widPresent) {
            prec = p.wid;
            if (negative || p.plus || p.space) {
                prec--;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("0".repeat(Math.max(0, prec - magnitude.length()))).append(magnitude);
        if (p.sharp) {
            switch (base) {
                case 2 -> sb.insert(0, "0b");
                case 8 -> {
                    if (sb.charAt(0) != '0') {
                        sb.insert(0, '0');
                    }
                }
                case 16 -> sb.insert(0, digits == UPPER_HEX ? "0X" : "0x");
                default -> { }
            }
        }
        if (verb == 'O') {
            sb.insert(0, "0o");
        }
        if (negative) {
            sb.insert(0, '-');
        } else if (p.plus) {
            sb.insert(0, '+');
        } else if (p.space) {
            sb.insert(0, ' ');
        }
        boolean oldZero = p.zero;
        p.zero = false;
        p.pad(sb.toString());
        p.zero = oldZero;
    }

    static void fmtFloat(Printer p, double v, char verb, boolean float32, Object arg) {
        char fmt;
        int prec;
        switch (verb) {
            case 'v' -> {
                fmt = 'g';
                prec = -1;
            }
            case 'g', 'G' -> {
                fmt = verb;
                prec = -1;
            }
            case 'f', 'F', 'e', 'E' -> {
                fmt = verb == 'F' ? 'f' : verb;
                prec = 6;
            }
            default -> {
                p.badVerb(verb, arg);
                return;
            }
        }
        if (p.precPresent) {
            prec = p.prec;
        }
        String num = GoFloat.format(v, fmt, prec, float32);
        if (num.charAt(0) != '-' && num.charAt(0) != '+') {
            num = "+" + num;
        }
        if (p.space && num.charAt(0) == '+' && !p.plus) {
            num = " " + num.substring(1);
        }
        if (num.charAt(1) == 'I' || num.charAt(1) == 'N') {
            boolean oldZero = p.zero;
            p.zero = false;
            if (num.charAt(1) == 'N' && !p.space && !p.plus) {
                num = num.substring(1);
            }
            p.pad(num);
            p.zero = oldZero;
            return;
        }
        if (p.plus || num.charAt(0) != '+') {
            if (p.zero && !p.minus && p.widPresent && p.wid > num.length()) {
                p.buf.append(num.charAt(0));
                p.writePadding(p.wid - num.length());
                p.buf.append(num, 1, num.length());
                return;
            }
            p.pad(num);
            return;
        }
        p.pad(num.substring(1));
    }
}
