package dev.slipway.runner.spec;

import java.math.BigInteger;
import java.util.Set;

/** yaml.v2's (YAML 1.1) readings of int and bool scalars, so values that decode on ACR decode here. */
final class YamlScalars {
    private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On",
            "ON");
    private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off",
            "Off", "OFF");

    private YamlScalars() {
    }

    /** Decimal, {@code 0x}, {@code 0o}, {@code 0b}, YAML 1.1 leading-zero octal, {@code _} separators; null if not. */
    static Integer parseInt(String text) {
        String t = text.replace("_", "");
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.startsWith("0o")) {
            radix = 8;
            t = t.substring(2);
        } else if (t.startsWith("0b")) {
            radix = 2;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        try {
            BigInteger v = new BigInteger(t, radix);
            v = negative ? v.negate() : v;
            return v.bitLength() < 32 ? v.intValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** yaml.v2 accepts a float into an int field when it has no fraction; null otherwise. */
    static Integer integralFloat(String text) {
        try {
            double d = Double.parseDouble(text.replace("_", ""));
            return d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE ? (int) d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Boolean parseBool(String text) {
        if (TRUE.contains(text)) {
            return true;
        }
        return FALSE.contains(text) ? false : null;
    }
}
