package dev.slipway.runner.template;

import java.util.List;
import java.util.Map;

/**
 * Go's {@code encoding/json} Marshal and MarshalIndent for template values, as Sprig's {@code toJson} and
 * {@code toPrettyJson} produce them: keys sorted, {@code <>&} escaped as {@code \u003c} etc., floats in Go's
 * JSON number form. Unsupported values (NaN, infinities) make the whole result empty, as Sprig ignores the error.
 */
final class GoJson {
    private GoJson() {
    }

    /** Thrown for a value encoding/json rejects. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    /** The JSON text, or "" when Go's encoder would fail. */
    static String marshal(Object v, String indent) {
        StringBuilder sb = new StringBuilder();
        try {
            write(sb, v, indent, "");
        } catch (Unsupported e) {
            return "";
        }
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, String indent, String prefix) {
        switch (v) {
            case null -> sb.append("null");
            case GoValues.NoValue n -> sb.append("null");
            case String s -> string(sb, s);
            case Boolean b -> sb.append(b);
            case Number n when GoValues.isIntegral(n) -> sb.append(n);
            case Number n -> {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new Unsupported();
                }
                sb.append(GoFloat.json(d));
            }
            case GoTime t -> string(sb, t.format("2006-01-02T15:04:05.999999999Z07:00"));
            case List<?> l -> {
                if (l.isEmpty()) {
                    sb.append("[]");
                    return;
                }
                sb.append('[');
                String inner = prefix + indent;
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    newline(sb, indent, inner);
                    write(sb, l.get(i), indent, inner);
                }
                newline(sb, indent, prefix);
                sb.append(']');
            }
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                sb.append('{');
                String inner = prefix + indent;
                boolean first = true;
                for (Object key : GoValues.sortedKeys(m)) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    newline(sb, indent, inner);
                    string(sb, String.valueOf(key));
                    sb.append(indent.isEmpty() ? ":" : ": ");
                    write(sb, m.get(key), indent, inner);
                }
                newline(sb, indent, prefix);
                sb.append('}');
            }
            default -> string(sb, v.toString());
        }
    }

    private static void newline(StringBuilder sb, String indent, String prefix) {
        if (!indent.isEmpty()) {
            sb.append('\n').append(prefix);
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '<', '>', '&', '\u2028', '\u2029' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)))) {
                        sb.append("\\ufffd");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
