package dev.slipway.runner.template;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A template function with its Go signature: parameter types decide how arguments are checked and converted
 * exactly as {@code text/template} does for a Go func ({@code upper 3} fails with "expected string; found 3").
 * When {@code variadic}, the last parameter type applies to every remaining argument.
 */
record Func(String name, List<Param> params, boolean variadic, Impl impl) {

    /** The Go parameter types the functions use. */
    enum Param {
        /** interface{} or reflect.Value: anything, nil included. */
        ANY("interface {}", true),
        STRING("string", false),
        INT("int", false),
        FLOAT("float64", false),
        BOOL("bool", false),
        MAP("map[string]interface {}", true),
        TIME("time.Time", false);

        final String goName;
        final boolean nilable;

        Param(String goName, boolean nilable) {
            this.goName = goName;
            this.nilable = nilable;
        }

        /** Whether a non-nil value is assignable to this parameter. */
        boolean accepts(Object v) {
            return switch (this) {
                case ANY -> true;
                case STRING -> v instanceof String;
                case INT -> GoValues.isIntegral(v);
                case FLOAT -> GoValues.isFloating(v);
                case BOOL -> v instanceof Boolean;
                case MAP -> v instanceof Map<?, ?>;
                case TIME -> v instanceof GoTime;
            };
        }
    }

    /** A function body; throws {@link Failure} for a Go error return (or a panic). */
    @FunctionalInterface
    interface Impl {
        Object call(Args args);
    }

    /** A Go error returned by a function: rendering stops with "error calling NAME: message". */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** Converted arguments, with typed accessors for readable function bodies. */
    record Args(List<Object> values, Clock clock) {
        Object get(int i) {
            return values.get(i);
        }

        String str(int i) {
            return (String) values.get(i);
        }

        int integer(int i) {
            return (int) GoValues.toLong((Number) values.get(i));
        }

        boolean bool(int i) {
            return (Boolean) values.get(i);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(int i) {
            return (Map<String, Object>) values.get(i);
        }

        GoTime time(int i) {
            return (GoTime) values.get(i);
        }

        /** The variadic tail from index {@code from}. */
        List<Object> from(int from) {
            return values.subList(Math.min(from, values.size()), values.size());
        }

        int size() {
            return values.size();
        }
    }
}
