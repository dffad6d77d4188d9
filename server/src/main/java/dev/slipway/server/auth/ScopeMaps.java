package dev.slipway.server.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Scope-map management: create, update (add/remove actions), show, list, delete. */
public final class ScopeMaps {
    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-]{5,50}");

    private final AuthStore store;
    private final Clock clock;
    private final Credentials credentials;

    ScopeMaps(AuthStore store, Clock clock, Credentials credentials) {
        this.store = store;
        this.clock = clock;
        this.credentials = credentials;
    }

    public List<ScopeMap> list() {
        return store.scopeMaps();
    }

    public ScopeMap get(String name) {
        return store.scopeMap(name).orElseThrow(() -> new AuthException(AuthException.Kind.NOT_FOUND, "scope map " + name + " does not exist"));
    }

    public ScopeMap create(String actor, String name, String description, Collection<String> actions) {
        if (!NAME.matcher(name).matches()) {
            throw new AuthException(AuthException.Kind.INVALID, "scope map names are 5-50 letters, digits or '-': " + name);
        }
        if (store.scopeMap(name).isPresent()) {
            throw new AuthException(AuthException.Kind.CONFLICT, "scope map " + name + " already exists");
        }
        Instant now = clock.instant();
        ScopeMap m = new ScopeMap(name, description(description), ScopeMap.USER, normalise(actions), now, now);
        m.grants();
        store.putScopeMap(m);
        credentials.changed(actor, "scopemap.create", "scopemap/" + name, String.join(" ", m.actions()));
        return m;
    }

    /** Adds and removes actions (compared case-insensitively); a null description keeps the old one. */
    public ScopeMap update(String actor, String name, String description, Collection<String> add, Collection<String> remove) {
        ScopeMap old = get(name);
        if (ScopeMap.SYSTEM.equals(old.type())) {
            throw new AuthException(AuthException.Kind.INVALID, "system scope map " + name + " cannot be changed");
        }
        List<String> actions = new ArrayList<>(old.actions());
        List<String> toRemove = normalise(remove);
        actions.removeIf(toRemove::contains);
        for (String a : normalise(add)) {
            if (!actions.contains(a)) {
                actions.add(a);
            }
        }
        ScopeMap m = new ScopeMap(name, description == null ? old.description() : description(description), old.type(), actions,
                old.created(), clock.instant());
        m.grants();
        store.putScopeMap(m);
        credentials.changed(actor, "scopemap.update", "scopemap/" + name, String.join(" ", actions));
        return m;
    }

    public void delete(String actor, String name) {
        ScopeMap m = get(name);
        if (ScopeMap.SYSTEM.equals(m.type())) {
            throw new AuthException(AuthException.Kind.INVALID, "system scope map " + name + " cannot be deleted");
        }
        List<String> users = store.tokensUsing(name);
        if (!users.isEmpty()) {
            throw new AuthException(AuthException.Kind.CONFLICT, "scope map " + name + " is used by tokens " + String.join(", ", users));
        }
        store.deleteScopeMap(name);
        credentials.changed(actor, "scopemap.delete", "scopemap/" + name, "");
    }

    private static List<String> normalise(Collection<String> actions) {
        List<String> out = new ArrayList<>();
        for (String a : actions) {
            String n = a.trim().toLowerCase(Locale.ROOT);
            ScopeMap.parse(n);
            if (!out.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static String description(String d) {
        if (d != null && d.length() > 256) {
            throw new AuthException(AuthException.Kind.INVALID, "descriptions are at most 256 characters");
        }
        return d;
    }
}
