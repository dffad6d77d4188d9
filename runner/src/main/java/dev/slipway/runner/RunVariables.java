package dev.slipway.runner;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code .Run.*} template variables of one run, as acb exposes them.
 *
 * @param registry the registry's login server (host[:port])
 */
public record RunVariables(String id, String registry, Instant date, String os, String architecture, String commit,
                           String branch, String taskName, String sharedVolume) {
    /** acb formats {@code .Run.Date} with the Go layout {@code 20060102-150405z}. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'z'").withZone(ZoneOffset.UTC);

    /** The part of the login server before the first dot (and without a port). */
    public String registryName() {
        String host = registry == null ? "" : registry;
        int dot = host.indexOf('.');
        String name = dot < 0 ? host : host.substring(0, dot);
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ID", orEmpty(id));
        m.put("Registry", orEmpty(registry));
        m.put("RegistryName", registryName());
        m.put("Date", date == null ? "" : DATE.format(date));
        m.put("OS", orEmpty(os));
        m.put("Architecture", orEmpty(architecture));
        m.put("Commit", orEmpty(commit));
        m.put("Branch", orEmpty(branch));
        m.put("TaskName", orEmpty(taskName));
        m.put("SharedVolume", orEmpty(sharedVolume));
        return m;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
