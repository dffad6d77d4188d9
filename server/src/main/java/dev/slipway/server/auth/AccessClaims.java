package dev.slipway.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** What a verified access token grants, and the service ({@code aud}) it was verified for. */
public record AccessClaims(String subject, String audience, List<Scope> access, Instant expires) {
    public AccessClaims {
        access = List.copyOf(access);
    }

    public boolean allows(String repository, Set<Action> needed) {
        for (Scope s : access) {
            if (!s.catalog() && s.name().equals(repository) && s.actions().containsAll(needed)) {
                return true;
            }
        }
        return needed.isEmpty();
    }

    public boolean catalog() {
        return access.stream().anyMatch(Scope::catalog);
    }
}
