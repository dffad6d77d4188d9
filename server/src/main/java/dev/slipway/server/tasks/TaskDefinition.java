package dev.slipway.server.tasks;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A named task (ACR's task resource): what to run, where from, and how.
 *
 * @param platform           {@code os/architecture[/variant]}, lower case
 * @param context            the source location as given: {@code upload:sha256:<hex>}, {@code /dev/null}, a git or
 *                           tarball URL, {@code oci://…}
 * @param contextAccessToken the git access token, or null
 * @param credentials        custom registries by login server
 */
public record TaskDefinition(String name, Status status, String platform, int cpu, int timeout, String context,
                             String contextAccessToken, TaskStep step, Map<String, Credential> credentials,
                             Instant creationDate, Instant lastUpdated) {
    public static final int DEFAULT_TIMEOUT = 3600;
    public static final int DEFAULT_CPU = 2;
    public static final String DEFAULT_PLATFORM = "linux/amd64";

    public enum Status { Enabled, Disabled }

    /** A custom registry login; each part is a plain value or a secret URL resolved from the secret store. */
    public record Credential(String username, String password) { }

    public TaskDefinition {
        credentials = java.util.Collections.unmodifiableMap(new TreeMap<>(credentials));
    }

    public String os() {
        return platform.split("/")[0];
    }

    public String architecture() {
        String[] p = platform.split("/");
        return p.length > 1 ? p[1] : "amd64";
    }

    TaskDefinition withCredentials(Map<String, Credential> creds, Instant now) {
        return new TaskDefinition(name, status, platform, cpu, timeout, context, contextAccessToken, step, creds,
                creationDate, now);
    }
}
