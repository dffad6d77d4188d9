package dev.slipway.runner.template;

import dev.slipway.runner.template.Func.Impl;
import dev.slipway.runner.template.Func.Param;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The function table acb gives templates: Go's builtins overlaid by Sprig v2's {@code TxtFuncMap} (so
 * {@code slice} is Sprig's), minus what a shared build service must not offer. A name missing here fails at
 * parse time with {@code function "x" not defined}, as in Go.
 *
 * <p>Deliberately absent: {@code env} and {@code expandenv} (they would leak the server's environment into
 * task files), {@code getHostByName} (network access), the crypto generators ({@code genCA}, {@code genPrivateKey},
 * ...), {@code semver}, and {@code call} (templates never receive Go funcs).
 */
final class Functions {
    /** Go's builtins and/or evaluate their arguments lazily; the executor handles them itself. */
    static final Set<String> SHORT_CIRCUIT = Set.of("and", "or");

    private static final Map<String, Func> ALL = build();

    private Functions() {
    }

    static boolean has(String name) {
        return ALL.containsKey(name);
    }

    static Func get(String name) {
        return ALL.get(name);
    }

    private static Map<String, Func> build() {
        Registry r = new Registry();
        BuiltinFuncs.register(r);
        StringFuncs.register(r);
        ListFuncs.register(r);
        MathFuncs.register(r);
        EncodingFuncs.register(r);
        DateFuncs.register(r);
        PathFuncs.register(r);
        return Map.copyOf(r.funcs);
    }

    /** Collects definitions; a later registration of a name replaces the earlier (Sprig overrides builtins). */
    static final class Registry {
        private final Map<String, Func> funcs = new HashMap<>();

        /** A function with exactly these parameters. */
        void fn(String name, Impl impl, Param... params) {
            funcs.put(name, new Func(name, List.of(params), false, impl));
        }

        /** A function whose last parameter type repeats for any number of trailing arguments. */
        void vararg(String name, Impl impl, Param... params) {
            funcs.put(name, new Func(name, List.of(params), true, impl));
        }

        void alias(String alias, String name) {
            Func f = funcs.get(name);
            funcs.put(alias, new Func(alias, f.params(), f.variadic(), f.impl()));
        }
    }
}
