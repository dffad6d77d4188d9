package dev.slipway.runner.scan;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Build-argument values under Docker's scoping rules, which differ from acb's single flat map:
 * <ul>
 *   <li>ARGs before the first FROM are global and are the only ones FROM can expand; a later definition of the same
 *   name replaces an earlier one (acb kept the first);</li>
 *   <li>a {@code --build-arg} only counts for a name the Dockerfile declares with ARG (acb used every build-arg);</li>
 *   <li>inside a stage nothing is visible until ARG declares it; {@code ARG NAME} without a default takes the
 *   {@code --build-arg} or else the global value;</li>
 *   <li>BuildKit's automatic platform ARGs ({@code TARGETPLATFORM}, {@code TARGETARCH}, …) are global.</li>
 * </ul>
 * A null value means unset. ENV values are not tracked; a variable set only by ENV expands to nothing.
 */
final class ArgScope {

    private final Map<String, String> buildArgs;
    private final Map<String, String> global; // empty in the global scope itself
    private final boolean isGlobal;
    private final Map<String, String> values = new HashMap<>();

    private ArgScope(Map<String, String> buildArgs, Map<String, String> global, boolean isGlobal) {
        this.buildArgs = buildArgs;
        this.global = global;
        this.isGlobal = isGlobal;
    }

    /** The global scope, holding the automatic platform ARGs for {@code platform} ({@code os/arch[/variant]}). */
    static ArgScope global(Map<String, String> buildArgs, String platform) {
        ArgScope scope = new ArgScope(buildArgs, Map.of(), true);
        String[] parts = platform.toLowerCase(Locale.ROOT).split("/");
        String os = parts[0];
        String arch = parts.length > 1 ? parts[1] : "amd64";
        String variant = parts.length > 2 ? parts[2] : "";
        // One native agent builds, so the build platform is taken to be the target platform.
        for (String prefix : new String[] {"TARGET", "BUILD"}) {
            scope.automatic(prefix + "PLATFORM", platform);
            scope.automatic(prefix + "OS", os);
            scope.automatic(prefix + "ARCH", arch);
            scope.automatic(prefix + "VARIANT", variant);
        }
        return scope;
    }

    /** A new stage's scope: empty, with this global scope behind ARGs that are declared without a default. */
    ArgScope stage() {
        return new ArgScope(buildArgs, Map.copyOf(nonNull(values)), false);
    }

    private void automatic(String name, String value) {
        values.put(name, buildArgs.getOrDefault(name, value));
    }

    /**
     * Declares {@code ARG name[=default]}; {@code rawDefault} is null without a default, otherwise the unexpanded
     * text, expanded here with the ARGs declared so far.
     */
    void declare(String name, String rawDefault, char escape) {
        String value;
        if (buildArgs.containsKey(name)) {
            value = buildArgs.get(name);
        } else if (rawDefault != null) {
            value = ShellWords.expand(rawDefault, values::get, escape);
        } else if (global.containsKey(name)) {
            value = global.get(name);
        } else {
            // BuildKit maps a global ARG without a value to "" (set) but leaves a stage ARG unset.
            value = isGlobal ? "" : null;
        }
        values.put(name, value);
    }

    String get(String name) {
        return values.get(name);
    }

    /** Whether {@code name} was passed as a build-arg; used to explain an empty FROM. */
    boolean passed(String name) {
        return buildArgs.containsKey(name);
    }

    private static Map<String, String> nonNull(Map<String, String> map) {
        Map<String, String> copy = new HashMap<>();
        map.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
