package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Failure;
import dev.slipway.runner.template.Func.Param;
import dev.slipway.runner.template.Functions.Registry;

import java.util.List;

/**
 * Sprig's integer math (int64 results, operands converted like Sprig v2's toInt64), conversions, defaults,
 * reflection and flow control, plus Helm's {@code required}.
 */
final class MathFuncs {
    private MathFuncs() {
    }

    static void register(Registry r) {
        r.vararg("add", a -> {
            long sum = 0;
            for (Object o : a.values()) {
                sum += GoValues.toInt64(o);
            }
            return sum;
        }, Param.ANY);
        r.fn("add1", a -> GoValues.toInt64(a.get(0)) + 1, Param.ANY);
        r.fn("sub", a -> GoValues.toInt64(a.get(0)) - GoValues.toInt64(a.get(1)), Param.ANY, Param.ANY);
        r.vararg("mul", a -> {
            long product = GoValues.toInt64(a.get(0));
            for (Object o : a.from(1)) {
                product *= GoValues.toInt64(o);
            }
            return product;
        }, Param.ANY, Param.ANY);
        r.fn("div", a -> divide(a.get(0), a.get(1), false), Param.ANY, Param.ANY);
        r.fn("mod", a -> divide(a.get(0), a.get(1), true), Param.ANY, Param.ANY);
        r.vararg("max", a -> extreme(a.values(), true), Param.ANY, Param.ANY);
        r.alias("biggest", "max");
        r.vararg("min", a -> extreme(a.values(), false), Param.ANY, Param.ANY);
        r.fn("floor", a -> Math.floor(GoValues.toFloat64(a.get(0))), Param.ANY);
        r.fn("ceil", a -> Math.ceil(GoValues.toFloat64(a.get(0))), Param.ANY);
        r.vararg("round", a -> round(GoValues.toFloat64(a.get(0)), a.integer(1),
                a.size() > 2 ? ((Number) a.get(2)).doubleValue() : .5), Param.ANY, Param.INT, Param.FLOAT);
        r.fn("atoi", a -> {
            try {
                return GoValues.goInt(Long.parseLong(a.str(0)));
            } catch (NumberFormatException e) {
                return 0;
            }
        }, Param.STRING);
        r.fn("int", a -> GoValues.goInt(GoValues.toInt64(a.get(0))), Param.ANY);
        r.fn("int64", a -> GoValues.toInt64(a.get(0)), Param.ANY);
        r.fn("float64", a -> GoValues.toFloat64(a.get(0)), Param.ANY);
        r.fn("toDecimal", a -> {
            try {
                return Long.parseLong(GoFmt.sprint(List.of(a.get(0) == null ? "<nil>" : a.get(0))), 8);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }, Param.ANY);

        r.vararg("default", a -> a.size() < 2 || GoValues.empty(a.get(1)) ? a.get(0) : a.get(1),
                Param.ANY, Param.ANY);
        r.fn("empty", a -> GoValues.empty(a.get(0)), Param.ANY);
        r.vararg("coalesce", a -> a.values().stream().filter(v -> !GoValues.empty(v)).findFirst().orElse(null),
                Param.ANY);
        r.fn("ternary", a -> a.bool(2) ? a.get(0) : a.get(1), Param.ANY, Param.ANY, Param.BOOL);

        r.fn("typeOf", a -> GoValues.typeName(a.get(0)), Param.ANY);
        r.fn("typeIs", a -> a.str(0).equals(GoValues.typeName(a.get(1))), Param.STRING, Param.ANY);
        r.fn("typeIsLike", a -> a.str(0).equals(GoValues.typeName(a.get(1)))
                || a.str(0).equals("*" + GoValues.typeName(a.get(1))), Param.STRING, Param.ANY);
        r.fn("kindOf", a -> GoValues.kindName(a.get(0)), Param.ANY);
        r.fn("kindIs", a -> a.str(0).equals(GoValues.kindName(a.get(1))), Param.STRING, Param.ANY);
        r.fn("deepEqual", a -> GoValues.deepEqual(a.get(0), a.get(1)), Param.ANY, Param.ANY);

        r.fn("fail", a -> {
            throw new Failure(a.str(0));
        }, Param.STRING);
        // Helm's, not Sprig's: acb lacks it, but it cannot break a task that renders in ACR.
        r.fn("required", a -> {
            Object v = a.get(1);
            if (v == null || v instanceof String s && s.isEmpty()) {
                throw new Failure(a.str(0));
            }
            return v;
        }, Param.STRING, Param.ANY);
    }

    private static long divide(Object x, Object y, boolean remainder) {
        long divisor = GoValues.toInt64(y);
        if (divisor == 0) {
            throw new Failure("runtime error: integer divide by zero");
        }
        long dividend = GoValues.toInt64(x);
        return remainder ? dividend % divisor : dividend / divisor;
    }

    private static long extreme(List<Object> values, boolean max) {
        long best = GoValues.toInt64(values.get(0));
        for (Object o : values.subList(1, values.size())) {
            long v = GoValues.toInt64(o);
            if (max ? v > best : v < best) {
                best = v;
            }
        }
        return best;
    }

    /** Sprig's round: rounds up when the fraction at {@code places} reaches {@code roundOn}. */
    private static double round(double value, int places, double roundOn) {
        double pow = Math.pow(10, places);
        double digit = pow * value;
        double fraction = digit - (long) digit;
        double rounded = fraction >= roundOn ? Math.ceil(digit) : Math.floor(digit);
        return rounded / pow;
    }
}
