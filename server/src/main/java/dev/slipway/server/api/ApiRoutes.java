package dev.slipway.server.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small route table: {@code METHOD /api/tokens/{name}} patterns with named segments. */
final class ApiRoutes {
    @FunctionalInterface
    interface Endpoint {
        Object handle(ApiCall call) throws Exception;
    }

    private record Entry(String method, String[] segments, Endpoint endpoint) { }

    /** A matched route, or a path that exists with other methods (405), or nothing (404). */
    record Match(Endpoint endpoint, Map<String, String> params, List<String> allowed) { }

    private final List<Entry> entries = new ArrayList<>();

    ApiRoutes add(String method, String pattern, Endpoint endpoint) {
        entries.add(new Entry(method, split(pattern), endpoint));
        return this;
    }

    Match match(String method, String path) {
        String[] parts = split(path);
        List<String> allowed = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, String> params = bind(e.segments(), parts);
            if (params != null) {
                if (e.method().equals(method)) {
                    return new Match(e.endpoint(), params, List.of());
                }
                allowed.add(e.method());
            }
        }
        return new Match(null, Map.of(), allowed);
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
