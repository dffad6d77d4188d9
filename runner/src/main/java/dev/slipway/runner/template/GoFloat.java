package dev.slipway.runner.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat} for the 'e', 'f' and 'g' formats, so numbers print as a Go template prints
 * them: {@code 1.5}, {@code 1e+06}, {@code 1.23456789e+08}. Shortest digits come from {@link Double#toString}
 * (shortest since JDK 19); fixed precision rounds the exact binary value half-to-even, as strconv does.
 */
final class GoFloat {
    private GoFloat() {
    }

    /** Decimal digits without trailing zeros: the value is 0.{@code d} × 10^{@code dp}; zero has no digits. */
    private record Digits(String d, int dp) {
        int nd() {
            return d.length();
        }

        char at(int i) {
            return d.charAt(i);
        }
    }

    /** {@code %v} of a float64. */
    static String formatV(double v) {
        return format(v, 'g', -1, false);
    }

    /** {@code %v} of a float32. */
    static String formatV(float v) {
        return format(v, 'g', -1, true);
    }

    /**
     * strconv.FormatFloat(v, fmt, prec, 64 or 32). {@code fmt} is one of e E f F g G; {@code prec} -1 asks for the
     * fewest digits that read back as the same number.
     */
    static String format(double v, char fmt, int prec, boolean float32) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = v < 0 || (v == 0 && 1 / v < 0);
        double abs = Math.abs(v);
        char lower = Character.toLowerCase(fmt);
        boolean shortest = prec < 0;
        Digits digs;
        if (shortest) {
            digs = shortest(abs, float32);
            prec = switch (lower) {
                case 'e' -> Math.max(digs.nd() - 1, 0);
                case 'f' -> Math.max(digs.nd() - digs.dp(), 0);
                default -> digs.nd();
            };
        } else if (lower == 'f') {
            digs = digits(new BigDecimal(abs).setScale(prec, RoundingMode.HALF_EVEN));
        } else {
            if (lower == 'g' && prec == 0) {
                prec = 1;
            }
            int significant = lower == 'e' ? prec + 1 : prec;
            digs = digits(new BigDecimal(abs).round(new MathContext(significant, RoundingMode.HALF_EVEN)));
        }
        StringBuilder sb = new StringBuilder(24);
        if (neg) {
            sb.append('-');
        }
        switch (lower) {
            case 'e' -> fmtE(sb, digs, prec, fmt);
            case 'f' -> fmtF(sb, digs, prec);
            default -> {
                int eprec = prec;
                if (eprec > digs.nd() && digs.nd() >= digs.dp()) {
                    eprec = digs.nd();
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = digs.dp() - 1;
                if (exp < -4 || exp >= eprec) {
                    fmtE(sb, digs, Math.min(prec, digs.nd()) - 1, fmt == 'G' ? 'E' : 'e');
                } else {
                    fmtF(sb, digs, Math.max((prec > digs.dp() ? digs.nd() : prec) - digs.dp(), 0));
                }
            }
        }
        return sb.toString();
    }

    /** encoding/json's float format: plain between 1e-6 and 1e21, else exponent without padding (1e-7). */
    static String json(double v) {
        double abs = Math.abs(v);
        boolean exp = abs != 0 && (abs < 1e-6 || abs >= 1e21);
        String s = format(v, exp ? 'e' : 'f', -1, false);
        int n = s.length();
        if (exp && n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
            s = s.substring(0, n - 2) + s.charAt(n - 1);
        }
        return s;
    }

    private static Digits shortest(double abs, boolean float32) {
        if (abs == 0) {
            return new Digits("", 0);
        }
        return digits(new BigDecimal(float32 ? Float.toString((float) abs) : Double.toString(abs)));
    }

    private static Digits digits(BigDecimal value) {
        if (value.signum() == 0) {
            return new Digits("", 0);
        }
        BigDecimal stripped = value.stripTrailingZeros();
        String d = stripped.unscaledValue().toString();
        return new Digits(d, d.length() - stripped.scale());
    }

    private static void fmtE(StringBuilder sb, Digits d, int prec, char e) {
        sb.append(d.nd() == 0 ? '0' : d.at(0));
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(d.nd(), prec + 1);
            if (i < m) {
                sb.append(d.d(), i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                sb.append('0');
            }
        }
        sb.append(Character.isUpperCase(e) ? 'E' : 'e');
        int exp = d.nd() == 0 ? 0 : d.dp() - 1;
        sb.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            sb.append('0');
        }
        sb.append(exp);
    }

    private static void fmtF(StringBuilder sb, Digits d, int prec) {
        if (d.dp() > 0) {
            int m = Math.min(d.nd(), d.dp());
            sb.append(d.d(), 0, m);
            for (; m < d.dp(); m++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = d.dp() + i - 1;
                sb.append(j >= 0 && j < d.nd() ? d.at(j) : '0');
            }
        }
    }
}
