package dev.slipway.server.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A small route table: {@code METHOD /api/tokens/{name}} patterns with named segments. */
final class ApiRoutes {
    @FunctionalInterface
    interface Endpoint {
        Object handle(ApiCall call) throws Exception;
    }

    private record Entry(String method, String pattern, String[] segments, Endpoint endpoint, boolean open) { }

    /**
     * A matched route, or a path that exists with other methods (405), or nothing (404).
     *
     * @param open the endpoint needs no credentials (the API's own description)
     */
    record Match(Endpoint endpoint, Map<String, String> params, List<String> allowed, boolean open) { }

    /** One registered operation: {@code GET} and {@code /api/tokens/{name}}. */
    record Operation(String method, String pattern) { }

    private final List<Entry> entries = new ArrayList<>();

    ApiRoutes add(String method, String pattern, Endpoint endpoint) {
        entries.add(new Entry(method, pattern, split(pattern), endpoint, false));
        return this;
    }

    /** A route anyone may call, without the admin's credentials. */
    ApiRoutes addOpen(String method, String pattern, Endpoint endpoint) {
        entries.add(new Entry(method, pattern, split(pattern), endpoint, true));
        return this;
    }

    /** Every registered (method, pattern) pair, e.g. to compare with the OpenAPI document. */
    Set<Operation> operations() {
        return entries.stream().map(e -> new Operation(e.method(), e.pattern())).collect(Collectors.toUnmodifiableSet());
    }

    Match match(String method, String path) {
        String[] parts = split(path);
        List<String> allowed = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, String> params = bind(e.segments(), parts);
            if (params != null) {
                if (e.method().equals(method)) {
                    return new Match(e.endpoint(), params, List.of(), e.open());
                }
                allowed.add(e.method());
            }
        }
        return new Match(null, Map.of(), allowed, false);
    }

    private static Map<String, String> bind(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            if (pattern[i].startsWith("{")) {
                params.put(pattern[i].substring(1, pattern[i].length() - 1), parts[i]);
            } else if (!pattern[i].equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/");
    }
}
