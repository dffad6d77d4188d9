package dev.slipway.server.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What a client may do in a repository: the Docker token scope actions, and the scope-map actions they come from. */
public enum Action {
    PULL("pull", "content/read"),
    PUSH("push", "content/write"),
    DELETE("delete", "content/delete"),
    METADATA_READ("metadata_read", "metadata/read"),
    METADATA_WRITE("metadata_write", "metadata/write");

    private final String scopeName;
    private final String scopeMapName;

    Action(String scopeName, String scopeMapName) {
        this.scopeName = scopeName;
        this.scopeMapName = scopeMapName;
    }

    /** The name used in token scopes ({@code repository:app:pull,push}). */
    public String scopeName() {
        return scopeName;
    }

    /** The name used in scope maps ({@code repositories/app/content/read}). */
    public String scopeMapName() {
        return scopeMapName;
    }

    /** Parses a token-scope action; {@code *} means all. Unknown actions are ignored, as registries do. */
    public static Set<Action> fromScope(String name) {
        if (name.equals("*")) {
            return EnumSet.allOf(Action.class);
        }
        for (Action a : values()) {
            if (a.scopeName.equals(name)) {
                return EnumSet.of(a);
            }
        }
        return EnumSet.noneOf(Action.class);
    }

    public static Optional<Action> fromScopeMap(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Action a : values()) {
            if (a.scopeMapName.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
