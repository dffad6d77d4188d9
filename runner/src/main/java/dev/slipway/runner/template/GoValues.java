package dev.slipway.runner.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How Java values stand in for Go's: String, Boolean, integral Numbers (Go {@code int}), floating Numbers
 * ({@code float64}), List ({@code []interface{}}), Map ({@code map[string]interface{}}), {@link GoTime} and
 * {@code null} (a nil interface, e.g. a missing map key under {@code missingkey=zero}). {@link #NO_VALUE} is Go's
 * invalid reflect.Value: what a pipeline yields for nil, printed as {@code <no value>}.
 */
final class GoValues {
    private GoValues() {
    }

    /** Go's invalid reflect.Value. */
    enum NoValue { INSTANCE }

    static final Object NO_VALUE = NoValue.INSTANCE;

    /** Go's reflect kinds that matter for comparisons and {@code kindOf}. */
    enum Kind { INVALID, BOOL, INT, FLOAT, STRING, SLICE, MAP, STRUCT }

    static Kind kind(Object v) {
        return switch (v) {
            case null -> Kind.INVALID;
            case NoValue n -> Kind.INVALID;
            case Boolean b -> Kind.BOOL;
            case String s -> Kind.STRING;
            case Number n -> isIntegral(n) ? Kind.INT : Kind.FLOAT;
            case List<?> l -> Kind.SLICE;
            case Map<?, ?> m -> Kind.MAP;
            default -> Kind.STRUCT;
        };
    }

    static boolean isIntegral(Object n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger;
    }

    static boolean isFloating(Object n) {
        return n instanceof Double || n instanceof Float || n instanceof BigDecimal;
    }

    /** Go's type name, as error messages and {@code typeOf} show it. */
    static String typeName(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case NoValue n -> "<nil>";
            case Boolean b -> "bool";
            case String s -> "string";
            case Long l -> "int64";
            case Float f -> "float32";
            case Number n -> isIntegral(n) ? "int" : "float64";
            case List<?> l -> "[]interface {}";
            case Map<?, ?> m -> "map[string]interface {}";
            case GoTime t -> "time.Time";
            default -> v.getClass().getSimpleName();
        };
    }

    /** Go's {@code reflect.Kind.String()} for {@code kindOf} and Sprig's "on type X" errors. */
    static String kindName(Object v) {
        return switch (kind(v)) {
            case INVALID -> "invalid";
            case BOOL -> "bool";
            case INT -> v instanceof Long ? "int64" : "int";
            case FLOAT -> v instanceof Float ? "float32" : "float64";
            case STRING -> "string";
            case SLICE -> "slice";
            case MAP -> "map";
            case STRUCT -> "struct";
        };
    }

    /** Truth as {@code if} sees it: false, 0, nil and empty strings, lists and maps are false. */
    static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case NoValue n -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case List<?> l -> !l.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case Number n -> isIntegral(n) ? toLong(n) != 0 : n.doubleValue() != 0;
            default -> true;
        };
    }

    /** Sprig's {@code empty}: the negation of Go truth for the values templates carry. */
    static boolean empty(Object v) {
        return !truth(v);
    }

    /** A Go {@code int} result: Integer when it fits, so it reports as "int", else Long. */
    static Number goInt(long v) {
        if (v == (int) v) {
            return Integer.valueOf((int) v); // no ?: here, it would promote the Integer to Long
        }
        return Long.valueOf(v);
    }

    static long toLong(Number n) {
        return n instanceof BigInteger b ? b.longValue() : n.longValue();
    }

    /** Go's {@code reflect.DeepEqual} for template values (int and float never equal each other). */
    static boolean deepEqual(Object a, Object b) {
        if (a == null || b == null || a == NO_VALUE || b == NO_VALUE) {
            return (a == null || a == NO_VALUE) && (b == null || b == NO_VALUE);
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (isIntegral(x) != isIntegral(y)) {
                return false;
            }
            return isIntegral(x) ? toLong(x) == toLong(y) : x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEqual(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEqual(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Map keys in Go's fmt/range order: numbers numerically, strings by code point (= UTF-8 byte order). */
    static List<Object> sortedKeys(Map<?, ?> map) {
        List<Object> keys = new ArrayList<>(map.keySet());
        keys.sort(KEY_ORDER);
        return keys;
    }

    private static final Comparator<Object> KEY_ORDER = (a, b) -> {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Number) {
            return -1;
        }
        if (b instanceof Number) {
            return 1;
        }
        return compareCodePoints(String.valueOf(a), String.valueOf(b));
    };

    /** Go string comparison: byte-wise on UTF-8, which is code point order. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Sprig's toInt64 (v2): strings parse as base-10 integers, floats truncate, bools are 0/1, others 0. */
    static long toInt64(Object v) {
        return switch (v) {
            case String s -> {
                try {
                    yield Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
                } catch (NumberFormatException e) {
                    yield 0;
                }
            }
            case Boolean b -> b ? 1 : 0;
            case Number n -> isIntegral(n) ? toLong(n) : (long) n.doubleValue();
            case null, default -> 0;
        };
    }

    /** Sprig's toFloat64 (v2). */
    static double toFloat64(Object v) {
        return switch (v) {
            case String s -> {
                try {
                    yield Double.parseDouble(s.trim().equals(s) ? s : "x");
                } catch (NumberFormatException e) {
                    yield 0;
                }
            }
            case Boolean b -> b ? 1 : 0;
            case Number n -> isIntegral(n) ? toLong(n) : n.doubleValue();
            case null, default -> 0;
        };
    }

    /** Sprig's strval: strings as-is, everything else through {@code %v}. */
    static String strval(Object v) {
        return v instanceof String s ? s : GoFmt.formatValue(v);
    }

    /** Sprig's strslice: list elements through strval, nils dropped; a non-list becomes a one-element list. */
    static List<String> strslice(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o != null) {
                    out.add(strval(o));
                }
            }
        } else if (v != null) {
            out.add(strval(v));
        }
        return out;
    }
}
