package dev.slipway.server.auth;

import java.util.EnumSet;
import java.util.Set;

/**
 * One requested or granted access of the Docker token protocol: {@code repository:<name>:<actions>} or
 * {@code registry:catalog:*}.
 */
public record Scope(String type, String name, Set<Action> actions, boolean catalog) {

    public static Scope repository(String name, Set<Action> actions) {
        return new Scope("repository", name, actions, false);
    }

    public static Scope catalogScope() {
        return new Scope("registry", "catalog", EnumSet.noneOf(Action.class), true);
    }

    /** Parses a scope string; null for one this registry does not grant (it is then ignored). */
    public static Scope parse(String text) {
        int first = text.indexOf(':');
        int last = text.lastIndexOf(':');
        if (first <= 0 || last == first) {
            return null;
        }
        String type = text.substring(0, first);
        String name = text.substring(first + 1, last);
        String actions = text.substring(last + 1);
        if (type.equals("registry") && name.equals("catalog")) {
            return catalogScope();
        }
        if (!type.equals("repository") && !type.startsWith("repository(")) {
            return null;
        }
        Set<Action> set = EnumSet.noneOf(Action.class);
        for (String a : actions.split(",")) {
            set.addAll(Action.fromScope(a.trim()));
        }
        return repository(name, set);
    }

    /** The challenge form: {@code repository:app:pull,push}. */
    public String render() {
        if (catalog) {
            return "registry:catalog:*";
        }
        return "repository:" + name + ":" + String.join(",", actions.stream().map(Action::scopeName).toList());
    }
}
