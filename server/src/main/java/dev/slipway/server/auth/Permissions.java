package dev.slipway.server.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** What a principal may do: grants by repository pattern, and whether it may list the catalog. */
public record Permissions(List<Grant> grants, boolean catalog) {
    public static final Permissions NONE = new Permissions(List.of(), false);
    public static final Permissions ALL = new Permissions(List.of(new Grant("*", EnumSet.allOf(Action.class))), true);
    public static final Permissions PULL_ALL = new Permissions(List.of(new Grant("*", EnumSet.of(Action.PULL))), false);

    public Permissions {
        grants = List.copyOf(grants);
    }

    public Set<Action> allowed(String repository) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (Grant g : grants) {
            if (g.matches(repository)) {
                out.addAll(g.actions());
            }
        }
        return out;
    }

    public boolean allows(String repository, Set<Action> needed) {
        return allowed(repository).containsAll(needed);
    }

    /** The part of a requested scope these permissions cover (the Docker token protocol's intersection). */
    public Scope intersect(Scope requested) {
        if (requested.catalog()) {
            return catalog ? requested : null;
        }
        Set<Action> granted = EnumSet.noneOf(Action.class);
        granted.addAll(requested.actions());
        granted.retainAll(allowed(requested.name()));
        return Scope.repository(requested.name(), granted);
    }
}
