package dev.slipway.runner.template;

import dev.slipway.runner.template.GoFmt.Printer;

import java.util.List;

/** The format-string walk of Go's {@code fmt.Sprintf} (fmt/print.go {@code doPrintf}). */
final class Sprintf {
    private final Printer p;
    private final String format;
    private final List<Object> args;
    private int argNum;
    private boolean reordered;
    private boolean goodArgNum;

    private Sprintf(Printer p, String format, List<Object> args) {
        this.p = p;
        this.format = format;
        this.args = args;
    }

    static void run(Printer p, String format, List<Object> args) {
        new Sprintf(p, format, args).doPrintf();
    }

    private void doPrintf() {
        int end = format.length();
        int i = 0;
        while (i < end) {
            goodArgNum = true;
            int lasti = i;
            while (i < end && format.charAt(i) != '%') {
                i++;
            }
            p.buf.append(format, lasti, i);
            if (i >= end) {
                break;
            }
            i++;
            p.clearFlags();
            flags:
            for (; i < end; i++) {
                switch (format.charAt(i)) {
                    case '#' -> p.sharp = true;
                    case '0' -> p.zero = !p.minus;
                    case '+' -> p.plus = true;
                    case '-' -> {
                        p.minus = true;
                        p.zero = false;
                    }
                    case ' ' -> p.space = true;
                    default -> {
                        break flags;
                    }
                }
            }
            boolean afterIndex;
            i = argNumber(i);
            afterIndex = lastFound;
            if (i < end && format.charAt(i) == '*') {
                i++;
                Integer w = intArg();
                p.widPresent = w != null;
                if (w == null) {
                    p.buf.append("%!(BADWIDTH)");
                } else {
                    p.wid = w;
                    if (p.wid < 0) {
                        p.wid = -p.wid;
                        p.minus = true;
                        p.zero = false;
                    }
                }
                afterIndex = false;
            } else {
                int start = i;
                i = parseNum(i);
                if (i > start) {
                    p.widPresent = true;
                    p.wid = lastNum;
                    if (afterIndex) {
                        goodArgNum = false;
                    }
                }
            }
            if (i + 1 < end && format.charAt(i) == '.') {
                i++;
                if (afterIndex) {
                    goodArgNum = false;
                }
                i = argNumber(i);
                afterIndex = lastFound;
                if (i < end && format.charAt(i) == '*') {
                    i++;
                    Integer pr = intArg();
                    p.precPresent = pr != null && pr >= 0;
                    p.prec = p.precPresent ? pr : 0;
                    if (pr == null) {
                        p.buf.append("%!(BADPREC)");
                    }
                    afterIndex = false;
                } else {
                    int start = i;
                    i = parseNum(i);
                    p.prec = i > start ? lastNum : 0;
                    p.precPresent = true;
                }
            }
            if (!afterIndex) {
                i = argNumber(i);
            }
            if (i >= end) {
                p.buf.append("%!(NOVERB)");
                break;
            }
            int verb = format.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                p.buf.append('%');
            } else if (!goodArgNum) {
                p.buf.append("%!").appendCodePoint(verb).append("(BADINDEX)");
            } else if (argNum >= args.size()) {
                p.buf.append("%!").appendCodePoint(verb).append("(MISSING)");
            } else {
                if (verb == 'v') {
                    p.sharpV = p.sharp;
                    p.sharp = false;
                    p.plus = false;
                }
                p.printArg(args.get(argNum++), (char) verb);
            }
        }
        if (!reordered && argNum < args.size()) {
            p.clearFlags();
            p.buf.append("%!(EXTRA ");
            for (int k = argNum; k < args.size(); k++) {
                if (k > argNum) {
                    p.buf.append(", ");
                }
                Object arg = args.get(k);
                if (arg == null) {
                    p.buf.append("<nil>");
                } else {
                    p.buf.append(GoValues.typeName(arg)).append('=');
                    p.printArg(arg, 'v');
                }
            }
            p.buf.append(')');
        }
    }

    private int lastNum;
    private boolean lastFound;

    /** Parses decimal digits at i into lastNum; returns the index after them. */
    private int parseNum(int i) {
        int n = 0;
        int j = i;
        while (j < format.length() && Character.isDigit(format.charAt(j)) && format.charAt(j) < 0x80) {
            if (n > 1_000_000) {
                return i;
            }
            n = n * 10 + (format.charAt(j) - '0');
            j++;
        }
        lastNum = n;
        return j;
    }

    /** An explicit {@code [n]} argument index at i; sets lastFound and argNum. */
    private int argNumber(int i) {
        lastFound = false;
        if (i >= format.length() || format.charAt(i) != '[') {
            return i;
        }
        reordered = true;
        int close = format.indexOf(']', i + 1);
        if (close < 0 || format.length() - i < 3) {
            goodArgNum = false;
            return i + 1;
        }
        int after = parseNum(i + 1);
        if (after != close || after == i + 1) {
            goodArgNum = false;
            return close + 1;
        }
        int index = lastNum - 1;
        lastFound = true;
        if (index >= 0 && index < args.size()) {
            argNum = index;
        } else {
            goodArgNum = false;
        }
        return close + 1;
    }

    /** The int argument consumed by a {@code *}; null when it is missing or not an int. */
    private Integer intArg() {
        if (argNum >= args.size()) {
            return null;
        }
        Object a = args.get(argNum++);
        if (a instanceof Number n && GoValues.isIntegral(n)) {
            long v = GoValues.toLong(n);
            return v > 1_000_000 || v < -1_000_000 ? null : (int) v;
        }
        return null;
    }
}
