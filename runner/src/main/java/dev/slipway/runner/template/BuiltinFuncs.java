package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Failure;
import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Functions.Registry;
import dev.slipway.runner.template.GoValues.Kind;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go's {@code text/template} builtins (funcs.go): logic, comparison, len/index, printing and escaping. */
final class BuiltinFuncs {
    private BuiltinFuncs() {
    }

    static void register(Registry r) {
        Func.Impl lazy = a -> {
            throw new IllegalStateException("and/or are evaluated by the executor");
        };
        r.vararg("and", lazy, Param.ANY, Param.ANY);
        r.vararg("or", lazy, Param.ANY, Param.ANY);
        r.fn("not", a -> !GoValues.truth(a.get(0)), Param.ANY);
        r.fn("len", a -> length(a.get(0)), Param.ANY);
        r.vararg("index", a -> index(a.get(0), a.from(1)), Param.ANY, Param.ANY);
        r.vararg("print", a -> GoFmt.sprint(a.values()), Param.ANY);
        r.vararg("println", a -> GoFmt.sprintln(a.values()), Param.ANY);
        r.vararg("printf", a -> GoFmt.sprintf(a.str(0), a.from(1)), Param.STRING, Param.ANY);
        r.vararg("eq", a -> eq(a.get(0), a.from(1)), Param.ANY, Param.ANY);
        r.fn("ne", a -> !eq(a.get(0), List.of(a.get(1))), Param.ANY, Param.ANY);
        r.fn("lt", a -> lt(a.get(0), a.get(1)), Param.ANY, Param.ANY);
        r.fn("le", a -> lt(a.get(0), a.get(1)) || eq(a.get(0), List.of(a.get(1))), Param.ANY, Param.ANY);
        r.fn("gt", a -> !(lt(a.get(0), a.get(1)) || eq(a.get(0), List.of(a.get(1)))), Param.ANY, Param.ANY);
        r.fn("ge", a -> !lt(a.get(0), a.get(1)), Param.ANY, Param.ANY);
        r.vararg("html", a -> html(evalArgs(a.values())), Param.ANY);
        r.vararg("js", a -> js(evalArgs(a.values())), Param.ANY);
        r.vararg("urlquery", a -> queryEscape(evalArgs(a.values())), Param.ANY);
    }

    static int length(Object item) {
        return switch (item) {
            case null -> throw new Failure("len of nil pointer");
            case String s -> s.getBytes(StandardCharsets.UTF_8).length;
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            default -> throw new Failure("len of type " + GoValues.typeName(item));
        };
    }

    static Object index(Object item, List<Object> indexes) {
        if (item == null) {
            throw new Failure("index of untyped nil");
        }
        for (Object index : indexes) {
            switch (item) {
                case null -> throw new Failure("index of nil pointer");
                case List<?> l -> {
                    int x = indexArg(index, l.size());
                    if (x == l.size()) {
                        throw new Failure("reflect: slice index out of range");
                    }
                    item = l.get(x);
                }
                case String s -> {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    int x = indexArg(index, bytes.length);
                    if (x == bytes.length) {
                        throw new Failure("reflect: string index out of range");
                    }
                    item = bytes[x] & 0xff;
                }
                case Map<?, ?> m -> {
                    if (index == null) {
                        throw new Failure("value is nil; should be of type string");
                    }
                    if (!(index instanceof String)) {
                        throw new Failure("value has type " + GoValues.typeName(index) + "; should be string");
                    }
                    item = m.get(index);
                }
                default -> throw new Failure("can't index item of type " + GoValues.typeName(item));
            }
        }
        return item;
    }

    private static int indexArg(Object index, int cap) {
        if (index == null) {
            throw new Failure("cannot index slice/array with nil");
        }
        if (!GoValues.isIntegral(index)) {
            throw new Failure("cannot index slice/array with type " + GoValues.typeName(index));
        }
        long x = GoValues.toLong((Number) index);
        if (x < 0 || x > cap) {
            throw new Failure("index out of range: " + x);
        }
        return (int) x;
    }

    private static Kind basicKind(Object v) {
        Kind k = GoValues.kind(v);
        return k == Kind.BOOL || k == Kind.INT || k == Kind.FLOAT || k == Kind.STRING ? k : Kind.INVALID;
    }

    /** Go 1.18+ eq: true if the first argument equals any of the others; basic kinds must match. */
    static boolean eq(Object a, List<Object> others) {
        if (others.isEmpty()) {
            throw new Failure("missing argument for comparison");
        }
        Kind k1 = basicKind(a);
        for (Object b : others) {
            Kind k2 = basicKind(b);
            boolean truth;
            if (k1 != k2) {
                if (a != null && b != null) {
                    throw new Failure("incompatible types for comparison: " + GoValues.typeName(a) + " and "
                            + GoValues.typeName(b));
                }
                truth = false;
            } else {
                truth = switch (k1) {
                    case BOOL, STRING -> a.equals(b);
                    case INT -> GoValues.toLong((Number) a) == GoValues.toLong((Number) b);
                    case FLOAT -> ((Number) a).doubleValue() == ((Number) b).doubleValue();
                    default -> eqNillable(a, b);
                };
            }
            if (truth) {
                return true;
            }
        }
        return false;
    }

    private static boolean eqNillable(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (GoValues.kind(a) != GoValues.kind(b)) {
            throw new Failure("non-comparable types " + GoFmt.formatValue(a) + ": " + GoValues.typeName(a) + ", "
                    + GoValues.typeName(b) + ": " + GoFmt.formatValue(b));
        }
        if (a instanceof List<?> || a instanceof Map<?, ?>) {
            throw new Failure("non-comparable type " + GoFmt.formatValue(b) + ": " + GoValues.typeName(b));
        }
        return a.equals(b);
    }

    static boolean lt(Object a, Object b) {
        Kind k1 = basicKind(a);
        Kind k2 = basicKind(b);
        if (k1 == Kind.INVALID || k2 == Kind.INVALID) {
            throw new Failure("invalid type for comparison");
        }
        if (k1 != k2) {
            throw new Failure("incompatible types for comparison: " + GoValues.typeName(a) + " and "
                    + GoValues.typeName(b));
        }
        return switch (k1) {
            case INT -> GoValues.toLong((Number) a) < GoValues.toLong((Number) b);
            case FLOAT -> ((Number) a).doubleValue() < ((Number) b).doubleValue();
            case STRING -> GoValues.compareCodePoints((String) a, (String) b) < 0;
            default -> throw new Failure("invalid type for comparison");
        };
    }

    /** Go's evalArgs: a lone string as-is, else Sprint with nils shown as {@code <no value>}. */
    private static String evalArgs(List<Object> args) {
        if (args.size() == 1 && args.get(0) instanceof String s) {
            return s;
        }
        List<Object> printable = new ArrayList<>(args.size());
        for (Object arg : args) {
            printable.add(arg == null ? "<no value>" : arg);
        }
        return GoFmt.sprint(printable);
    }

    static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case 0 -> sb.append('\uFFFD');
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String js(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(r -> {
            switch (r) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<' -> sb.append("\\u003C");
                case '>' -> sb.append("\\u003E");
                case '&' -> sb.append("\\u0026");
                case '=' -> sb.append("\\u003D");
                default -> {
                    if (r < ' ') {
                        sb.append(String.format("\\u%04X", r));
                    } else if (r < 0x80 || GoFmt.isPrint(r)) {
                        sb.appendCodePoint(r);
                    } else {
                        sb.append(String.format("\\u%04X", r));
                    }
                }
            }
        });
        return sb.toString();
    }

    /** net/url.QueryEscape: unreserved characters kept, space as '+', the rest %XX. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
