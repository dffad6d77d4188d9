package dev.slipway.server.tasks;

/** One output image of a run, split from {@code registry/repo:tag@sha256:…} (ACR's outputImages entries). */
public record OutputImage(String registry, String repository, String tag, String digest) {
    public static OutputImage parse(String image) {
        String rest = image;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            registry = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        return new OutputImage(registry, rest, tag, digest);
    }

    /** {@code repo}, {@code repo:tag} or {@code repo@digest}, optionally with this image's registry in front. */
    public boolean matches(String filter) {
        String f = registry != null && filter.startsWith(registry + "/") ? filter.substring(registry.length() + 1) : filter;
        int at = f.indexOf('@');
        if (at >= 0) {
            return f.substring(0, at).equals(repository) && f.substring(at + 1).equals(digest);
        }
        int colon = f.lastIndexOf(':');
        if (colon > f.lastIndexOf('/')) {
            return f.substring(0, colon).equals(repository) && f.substring(colon + 1).equals(tag);
        }
        return f.equals(repository);
    }
}
