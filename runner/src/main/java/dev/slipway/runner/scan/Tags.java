package dev.slipway.runner.scan;

import java.util.List;
import java.util.Set;

/**
 * Where a build's {@code -t} tags are pushed: acb's {@code util/prefixes.go}. A tag without a registry gets the
 * run's registry in front ({@code hello:v1} → {@code myregistry.azurecr.io/hello:v1}), so that a task pushes to its
 * own registry by default.
 */
public final class Tags {

    private Tags() {
    }

    /**
     * Prefixes {@code registry} to {@code tag} unless the tag already starts with a known registry or with
     * {@code library/} (acb leaves those alone).
     *
     * <p>Two differences from acb, which compared plain string prefixes: a known registry must be followed by
     * {@code /} ({@code myreg.io} is not a prefix of {@code myreg.io.evil/app}), and a tag that names another
     * registry by Docker's rule ({@code ghcr.io/me/app}, {@code localhost:5000/app}: a first component with a dot or
     * a port, or {@code localhost}) keeps it instead of becoming {@code myregistry.azurecr.io/ghcr.io/me/app}.
     *
     * @param registry        the run's registry (login server); null or empty leaves every tag unchanged
     * @param knownRegistries registries the run has credentials for; the run's registry counts as known
     */
    public static String prefixRegistry(String tag, String registry, Set<String> knownRegistries) {
        if (tag == null || tag.isEmpty()) {
            throw new ScanException("an image tag is empty");
        }
        if (registry == null || registry.isEmpty()) {
            return tag;
        }
        if (startsWithRegistry(tag, registry) || tag.startsWith("library/")) {
            return tag;
        }
        for (String known : knownRegistries) {
            if (known != null && !known.isEmpty() && startsWithRegistry(tag, known)) {
                return tag;
            }
        }
        int slash = tag.indexOf('/');
        if (slash > 0 && ImageReference.isRegistry(tag.substring(0, slash))) {
            return tag;
        }
        return registry + "/" + tag;
    }

    /** {@link #prefixRegistry(String, String, Set)} for each tag, in order. */
    public static List<String> prefixRegistry(List<String> tags, String registry, Set<String> knownRegistries) {
        return tags.stream().map(t -> prefixRegistry(t, registry, knownRegistries)).toList();
    }

    private static boolean startsWithRegistry(String tag, String registry) {
        String host = registry.endsWith("/") ? registry.substring(0, registry.length() - 1) : registry;
        return tag.regionMatches(true, 0, host + "/", 0, host.length() + 1);
    }
}
