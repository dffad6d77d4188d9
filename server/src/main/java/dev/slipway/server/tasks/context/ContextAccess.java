package dev.slipway.server.tasks.context;

import java.util.function.Function;

/**
 * What fetching a run's context may use. A Git token travels in the URL ({@code https://<token>@host/…}), as
 * a task's {@code --git-access-token} does too.
 *
 * @param registry  the run's own registry (login server): oci:// contexts there use {@code pullToken}
 * @param pullToken mints a short-lived token allowed to pull one repository of the run's own registry
 */
public record ContextAccess(String registry, Function<String, String> pullToken) {
    public static ContextAccess anonymous(String registry) {
        return new ContextAccess(registry, repository -> null);
    }
}
