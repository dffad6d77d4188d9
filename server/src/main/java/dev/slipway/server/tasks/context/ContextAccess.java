package dev.slipway.server.tasks.context;

import java.util.function.Function;

/**
 * What fetching a run's context may use.
 *
 * @param registry  the run's own registry (login server): oci:// contexts there use {@code pullToken}
 * @param gitToken  the task's Git access token for private repositories, or null
 * @param pullToken mints a short-lived token allowed to pull one repository of the run's own registry
 */
public record ContextAccess(String registry, String gitToken, Function<String, String> pullToken) {
    public static ContextAccess anonymous(String registry) {
        return new ContextAccess(registry, null, repository -> null);
    }
}
