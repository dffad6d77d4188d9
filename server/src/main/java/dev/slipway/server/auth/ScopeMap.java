package dev.slipway.server.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named set of actions such as {@code repositories/team/*&#47;content/read}. Tokens point at a scope map by
 * name, so changing the map changes every token that uses it at once.
 */
public record ScopeMap(String name, String description, String type, List<String> actions, Instant created, Instant updated) {
    public static final String SYSTEM = "SystemDefined";
    public static final String USER = "UserDefined";
    private static final String PREFIX = "repositories/";

    public ScopeMap {
        actions = List.copyOf(actions);
    }

    /** The grants these actions give; malformed actions are rejected when the map is saved. */
    public List<Grant> grants() {
        Map<String, Set<Action>> byRepo = new LinkedHashMap<>();
        for (String a : actions) {
            Parsed p = parse(a);
            byRepo.computeIfAbsent(p.repository(), r -> EnumSet.noneOf(Action.class)).add(p.action());
        }
        List<Grant> out = new ArrayList<>();
        byRepo.forEach((repo, set) -> out.add(new Grant(repo, set)));
        return out;
    }

    record Parsed(String repository, Action action) { }

    /** Parses {@code repositories/<repo>/<content|metadata>/<verb>}; the repository may hold slashes and {@code *}. */
    static Parsed parse(String action) {
        if (action.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            for (Action a : Action.values()) {
                String suffix = "/" + a.scopeMapName();
                if (action.length() > PREFIX.length() + suffix.length()
                        && action.regionMatches(true, action.length() - suffix.length(), suffix, 0, suffix.length())) {
                    String repo = action.substring(PREFIX.length(), action.length() - suffix.length());
                    if (!repo.isEmpty() && repo.matches("[a-z0-9*._/-]+")) {
                        return new Parsed(repo, a);
                    }
                }
            }
        }
        throw new AuthException(AuthException.Kind.INVALID, "invalid scope map action '" + action
                + "': expected repositories/<repository>/<content/read|content/write|content/delete|metadata/read|metadata/write>");
    }

    public static String action(String repository, Action action) {
        return PREFIX + repository + "/" + action.scopeMapName();
    }

    /** The three maps every registry has. */
    static List<ScopeMap> systemMaps(Instant now) {
        return List.of(
                system("_repositories_admin", "Can perform all read, write and delete operations on the registry's repositories",
                        EnumSet.allOf(Action.class), now),
                system("_repositories_pull", "Can pull any repository of the registry", EnumSet.of(Action.PULL), now),
                system("_repositories_push", "Can push to any repository of the registry", EnumSet.of(Action.PULL, Action.PUSH), now));
    }

    private static ScopeMap system(String name, String description, Set<Action> actions, Instant now) {
        return new ScopeMap(name, description, SYSTEM, actions.stream().map(a -> action("*", a)).toList(), now, now);
    }
}
