package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Failure;
import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Functions.Registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sprig's list and dict functions. Lists are never modified in place (Sprig copies); {@code set} and
 * {@code unset} do modify their dict, as in Sprig. Functions that take "any list" fail on other types with
 * Sprig's message, e.g. {@code Cannot find first on type string}.
 */
final class ListFuncs {
    private ListFuncs() {
    }

    static void register(Registry r) {
        r.vararg("list", a -> new ArrayList<>(a.values()), Param.ANY);
        r.alias("tuple", "list");
        r.vararg("dict", a -> dict(a.values()), Param.ANY);
        r.fn("set", a -> {
            a.map(0).put(a.str(1), a.get(2));
            return a.map(0);
        }, Param.MAP, Param.STRING, Param.ANY);
        r.fn("unset", a -> {
            a.map(0).remove(a.str(1));
            return a.map(0);
        }, Param.MAP, Param.STRING);
        r.fn("hasKey", a -> a.map(0).containsKey(a.str(1)), Param.MAP, Param.STRING);
        r.vararg("pluck", a -> {
            List<Object> out = new ArrayList<>();
            for (Object d : a.from(1)) {
                Map<?, ?> m = (Map<?, ?>) d;
                if (m != null && m.containsKey(a.str(0))) {
                    out.add(m.get(a.str(0)));
                }
            }
            return out;
        }, Param.STRING, Param.MAP);
        r.vararg("keys", a -> {
            List<Object> out = new ArrayList<>();
            for (Object d : a.values()) {
                if (d != null) {
                    out.addAll(((Map<?, ?>) d).keySet());
                }
            }
            return out;
        }, Param.MAP);
        r.vararg("pick", a -> pick(a.map(0), a.from(1), true), Param.MAP, Param.STRING);
        r.vararg("omit", a -> pick(a.map(0), a.from(1), false), Param.MAP, Param.STRING);
        r.fn("values", a -> new ArrayList<>(a.map(0).values()), Param.MAP);
        r.fn("append", a -> {
            List<Object> l = list("push", a.get(0));
            l.add(a.get(1));
            return l;
        }, Param.ANY, Param.ANY);
        r.alias("push", "append");
        r.fn("prepend", a -> {
            List<Object> l = list("prepend", a.get(0));
            l.addFirst(a.get(1));
            return l;
        }, Param.ANY, Param.ANY);
        r.fn("first", a -> {
            List<Object> l = list("find first", a.get(0));
            return l.isEmpty() ? null : l.getFirst();
        }, Param.ANY);
        r.fn("last", a -> {
            List<Object> l = list("find last", a.get(0));
            return l.isEmpty() ? null : l.getLast();
        }, Param.ANY);
        r.fn("rest", a -> {
            List<Object> l = list("find rest", a.get(0));
            return l.isEmpty() ? l : new ArrayList<>(l.subList(1, l.size()));
        }, Param.ANY);
        r.fn("initial", a -> {
            List<Object> l = list("find initial", a.get(0));
            return l.isEmpty() ? l : new ArrayList<>(l.subList(0, l.size() - 1));
        }, Param.ANY);
        r.fn("reverse", a -> new ArrayList<>(list("find reverse", a.get(0)).reversed()), Param.ANY);
        r.fn("uniq", a -> {
            List<Object> out = new ArrayList<>();
            for (Object o : list("find uniq", a.get(0))) {
                if (out.stream().noneMatch(x -> GoValues.deepEqual(x, o))) {
                    out.add(o);
                }
            }
            return out;
        }, Param.ANY);
        r.vararg("without", a -> {
            List<Object> out = new ArrayList<>();
            for (Object o : list("find without", a.get(0))) {
                if (a.from(1).stream().noneMatch(x -> GoValues.deepEqual(x, o))) {
                    out.add(o);
                }
            }
            return out;
        }, Param.ANY, Param.ANY);
        r.fn("has", a -> {
            if (a.get(1) == null) {
                return false;
            }
            return list("find has", a.get(1)).stream().anyMatch(x -> GoValues.deepEqual(a.get(0), x));
        }, Param.ANY, Param.ANY);
        r.fn("compact", a -> {
            List<Object> out = new ArrayList<>();
            for (Object o : list("compact", a.get(0))) {
                if (!GoValues.empty(o)) {
                    out.add(o);
                }
            }
            return out;
        }, Param.ANY);
        r.vararg("concat", a -> {
            List<Object> out = new ArrayList<>();
            for (Object l : a.values()) {
                out.addAll(list("concat", l));
            }
            return out;
        }, Param.ANY);
        r.vararg("slice", a -> slice(a.get(0), a.from(1)), Param.ANY, Param.ANY);
        r.fn("until", a -> untilStep(0, a.integer(0), a.integer(0) < 0 ? -1 : 1), Param.INT);
        r.fn("untilStep", a -> untilStep(a.integer(0), a.integer(1), a.integer(2)), Param.INT, Param.INT, Param.INT);
    }

    /** A copy of a list argument; nil panics in Sprig (reflect.TypeOf(nil).Kind()), anything else is an error. */
    @SuppressWarnings("unchecked")
    private static List<Object> list(String what, Object v) {
        if (v == null) {
            throw new Failure("runtime error: invalid memory address or nil pointer dereference");
        }
        if (!(v instanceof List<?> l)) {
            throw new Failure("Cannot " + what + " on type " + GoValues.kindName(v));
        }
        return new ArrayList<>((List<Object>) l);
    }

    private static Map<String, Object> dict(List<Object> v) {
        Map<String, Object> d = new LinkedHashMap<>();
        for (int i = 0; i < v.size(); i += 2) {
            d.put(GoValues.strval(v.get(i)), i + 1 < v.size() ? v.get(i + 1) : "");
        }
        return d;
    }

    private static Map<String, Object> pick(Map<String, Object> m, List<Object> keys, boolean keep) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (keys.contains(e.getKey()) == keep) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** Sprig's slice: list[start:end], start defaulting to 0 and end to the length; an empty list gives nil. */
    private static Object slice(Object v, List<Object> indices) {
        if (v == null) {
            throw new Failure("runtime error: invalid memory address or nil pointer dereference");
        }
        if (!(v instanceof List<?> l)) {
            throw new Failure("list should be type of slice or array but " + GoValues.kindName(v));
        }
        if (l.isEmpty()) {
            return null;
        }
        int start = indices.isEmpty() ? 0 : (int) GoValues.toInt64(indices.get(0));
        int end = indices.size() < 2 ? l.size() : (int) GoValues.toInt64(indices.get(1));
        if (start < 0 || end > l.size() || start > end) {
            throw new Failure("reflect.Value.Slice: slice index out of bounds");
        }
        return new ArrayList<>(l.subList(start, end));
    }

    /** Guards the shared build service against {@code until 1000000000}; Go has no such limit. */
    private static final long MAX_RANGE = 1_000_000;

    private static List<Object> untilStep(int start, int stop, int step) {
        List<Object> v = new ArrayList<>();
        if (step != 0 && Math.abs(((long) stop - start) / step) > MAX_RANGE) {
            throw new Failure("too many elements: more than " + MAX_RANGE);
        }
        if (stop < start) {
            if (step >= 0) {
                return v;
            }
            for (int i = start; i > stop; i += step) {
                v.add(i);
            }
            return v;
        }
        if (step <= 0) {
            return v;
        }
        for (int i = start; i < stop; i += step) {
            v.add(i);
        }
        return v;
    }
}
