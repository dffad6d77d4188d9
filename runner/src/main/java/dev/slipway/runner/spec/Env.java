package dev.slipway.runner.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** acb's mergeEnvs (graph/task.go), quirks included. */
final class Env {
    private Env() {
    }

    /**
     * {@code dest} keeps its entries and order; each entry of {@code src} — split on commas, so one string may hold
     * {@code a=1,b=2} — is appended when {@code dest} lacks its key. As in acb, nothing is checked when {@code src}
     * is empty, and the messages say "step" for {@code dest} and "task" for {@code src} whoever the callers are.
     */
    static List<String> merge(List<String> dest, List<String> src) {
        if (src.isEmpty()) {
            return dest;
        }
        Set<String> keys = new HashSet<>();
        for (String env : dest) {
            int eq = env.indexOf('=');
            if (eq < 0) {
                throw new TaskSpecException("cannot parse step environment variable " + env + " correctly");
            }
            keys.add(env.substring(0, eq));
        }
        var merged = new ArrayList<>(dest);
        for (String entry : src) {
            for (String env : entry.split(",", -1)) {
                int eq = env.indexOf('=');
                if (eq < 0) {
                    throw new TaskSpecException("cannot parse task environment variable " + env + " correctly");
                }
                if (!keys.contains(env.substring(0, eq))) {
                    merged.add(env);
                }
            }
        }
        return merged;
    }
}
