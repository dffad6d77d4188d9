package dev.slipway.server.registry.http;

/**
 * The endpoints of the ACR metadata API under {@code /acr/v1}. Repository names contain slashes, so paths are
 * matched from the end; name components cannot start with {@code _}, which keeps {@code _tags} and
 * {@code _manifests} apart from names.
 */
sealed interface AcrRoute {
    record Catalog() implements AcrRoute { }

    record Repository(String name) implements AcrRoute { }

    record Tags(String name) implements AcrRoute { }

    record Tag(String name, String tag) implements AcrRoute { }

    record Manifests(String name) implements AcrRoute { }

    record Manifest(String name, String digest) implements AcrRoute { }

    record Unknown(String path) implements AcrRoute { }

    String PREFIX = "/acr/v1/";

    /** @param path a decoded path that starts with {@code /acr/v1/} or equals {@code /acr/v1} */
    static AcrRoute parse(String path) {
        String rest = path.length() <= PREFIX.length() ? "" : path.substring(PREFIX.length());
        if (rest.isEmpty() || rest.endsWith("/")) {
            return new Unknown(path);
        }
        if (rest.equals("_catalog")) {
            return new Catalog();
        }
        int slash = rest.lastIndexOf('/');
        if (slash > 0) {
            String head = rest.substring(0, slash);
            String last = rest.substring(slash + 1);
            if (head.endsWith("/_tags") && head.length() > "/_tags".length()) {
                return new Tag(strip(head, "/_tags"), last);
            }
            if (head.endsWith("/_manifests") && head.length() > "/_manifests".length()) {
                return new Manifest(strip(head, "/_manifests"), last);
            }
            if (last.equals("_tags")) {
                return new Tags(head);
            }
            if (last.equals("_manifests")) {
                return new Manifests(head);
            }
        }
        return rest.startsWith("_") ? new Unknown(path) : new Repository(rest);
    }

    private static String strip(String s, String suffix) {
        return s.substring(0, s.length() - suffix.length());
    }
}
