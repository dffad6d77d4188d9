package dev.slipway.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Repository-scoped tokens: the name is the docker username, the scope map says what it may do. */
public final class Tokens {
    private final AuthStore store;
    private final Clock clock;
    private final Credentials credentials;

    Tokens(AuthStore store, Clock clock, Credentials credentials) {
        this.store = store;
        this.clock = clock;
        this.credentials = credentials;
    }

    /** A token as shown to users: never the password hashes, only when each password expires. */
    public record TokenView(String name, String scopeMap, boolean enabled, Instant created, Map<String, PasswordInfo> passwords) { }

    public record PasswordInfo(Instant created, Instant expires) { }

    /** Newly generated passwords: shown once. */
    public record GeneratedPasswords(String username, Map<String, String> passwords, Map<String, Instant> expiries) { }

    public List<TokenRecord> list() {
        return store.tokens();
    }

    public List<TokenView> views() {
        return store.tokens().stream().map(this::view).toList();
    }

    public TokenView show(String name) {
        return view(get(name));
    }

    public TokenView create(String actor, String name, String scopeMap, boolean enabled) {
        if (!ScopeMaps.NAME.matcher(name).matches() || name.equalsIgnoreCase(Auth.ADMIN)) {
            throw new AuthException(AuthException.Kind.INVALID, "token names are 5-50 letters, digits or '-' (and not 'admin'): " + name);
        }
        if (store.token(name).isPresent()) {
            throw new AuthException(AuthException.Kind.CONFLICT, "token " + name + " already exists");
        }
        credentials.scopeMaps().get(scopeMap);
        TokenRecord t = new TokenRecord(name, scopeMap, enabled, clock.instant());
        store.putToken(t);
        credentials.changed(actor, "token.create", "token/" + name, "scopeMap=" + scopeMap + " enabled=" + enabled);
        return view(t);
    }

    public TokenView update(String actor, String name, String scopeMap, Boolean enabled) {
        TokenRecord old = get(name);
        if (scopeMap != null) {
            credentials.scopeMaps().get(scopeMap);
        }
        TokenRecord t = new TokenRecord(name, scopeMap == null ? old.scopeMap() : scopeMap,
                enabled == null ? old.enabled() : enabled, old.created());
        store.putToken(t);
        credentials.changed(actor, "token.update", "token/" + name, "scopeMap=" + t.scopeMap() + " enabled=" + t.enabled());
        return view(t);
    }

    public void delete(String actor, String name) {
        get(name);
        store.deleteToken(name);
        credentials.changed(actor, "token.delete", "token/" + name, "");
    }

    /** (Re)generates password1 and/or password2, optionally expiring after some days. */
    public GeneratedPasswords generate(String actor, String name, boolean password1, boolean password2, Integer expirationDays) {
        get(name);
        if (!password1 && !password2) {
            password1 = true;
            password2 = true;
        }
        if (expirationDays != null && expirationDays <= 0) {
            throw new AuthException(AuthException.Kind.INVALID, "--expiration-in-days must be positive");
        }
        Instant now = clock.instant();
        Instant expires = expirationDays == null ? null : now.plus(Duration.ofDays(expirationDays));
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, Instant> expiries = new LinkedHashMap<>();
        for (String slot : Credentials.SLOTS) {
            if (slot.equals("password1") ? password1 : password2) {
                String pw = Passwords.generate();
                store.putPassword(Credentials.owner(name), new PasswordRecord(slot, Passwords.hash(pw), expires, now));
                plain.put(slot, pw);
                expiries.put(slot, expires);
            }
        }
        credentials.changed(actor, "token.password.generate", "token/" + name, String.join(",", plain.keySet())
                + (expires == null ? "" : " expires " + expires));
        return new GeneratedPasswords(name, plain, expiries);
    }

    public void deletePassword(String actor, String name, String slot) {
        get(name);
        if (!Credentials.SLOTS.contains(slot)) {
            throw new AuthException(AuthException.Kind.INVALID, "password name must be password1 or password2");
        }
        if (!store.deletePassword(Credentials.owner(name), slot)) {
            throw new AuthException(AuthException.Kind.NOT_FOUND, "token " + name + " has no " + slot);
        }
        credentials.changed(actor, "token.password.delete", "token/" + name, slot);
    }

    private TokenRecord get(String name) {
        return store.token(name).orElseThrow(() -> new AuthException(AuthException.Kind.NOT_FOUND, "token " + name + " does not exist"));
    }

    private TokenView view(TokenRecord t) {
        Map<String, PasswordInfo> pw = new LinkedHashMap<>();
        for (PasswordRecord p : store.passwords(Credentials.owner(t.name()))) {
            pw.put(p.slot(), new PasswordInfo(p.created(), p.expires()));
        }
        return new TokenView(t.name(), t.scopeMap(), t.enabled(), t.created(), pw);
    }
}
