package dev.slipway.server.registry.http;

/** The endpoints of the /v2 API. Repository names contain slashes, so paths are matched from the end. */
sealed interface Route {
    record Base() implements Route { }

    record Catalog() implements Route { }

    record Tags(String name) implements Route { }

    record Manifest(String name, String reference) implements Route { }

    record Blob(String name, String digest) implements Route { }

    record Uploads(String name) implements Route { }

    record Upload(String name, String id) implements Route { }

    record Referrers(String name, String digest) implements Route { }

    record Unknown(String path) implements Route { }

    /** @param path a decoded path that starts with {@code /v2/} or equals {@code /v2} */
    static Route parse(String path) {
        String rest = path.length() <= 4 ? "" : path.substring(4);
        if (rest.isEmpty()) {
            return new Base();
        }
        if (rest.equals("_catalog")) {
            return new Catalog();
        }
        if (rest.endsWith("/tags/list")) {
            return new Tags(rest.substring(0, rest.length() - "/tags/list".length()));
        }
        for (String suffix : new String[] {"/blobs/uploads/", "/blobs/uploads"}) {
            if (rest.endsWith(suffix)) {
                return new Uploads(rest.substring(0, rest.length() - suffix.length()));
            }
        }
        int slash = rest.lastIndexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            return new Unknown(path);
        }
        String head = rest.substring(0, slash);
        String last = rest.substring(slash + 1);
        if (head.endsWith("/manifests")) {
            return new Manifest(strip(head, "/manifests"), last);
        }
        if (head.endsWith("/blobs/uploads")) {
            return new Upload(strip(head, "/blobs/uploads"), last);
        }
        if (head.endsWith("/blobs")) {
            return new Blob(strip(head, "/blobs"), last);
        }
        if (head.endsWith("/referrers")) {
            return new Referrers(strip(head, "/referrers"), last);
        }
        return new Unknown(path);
    }

    private static String strip(String s, String suffix) {
        return s.substring(0, s.length() - suffix.length());
    }
}
