package dev.slipway.server.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides requests to the data plane: identifies the caller from the Authorization header and checks what it
 * may do. With auth off, everyone may do everything.
 */
public final class Gate {
    private final Auth auth;

    private Gate(Auth auth) {
        this.auth = auth;
    }

    public static Gate of(Auth auth) {
        return new Gate(auth);
    }

    public static Gate open() {
        return new Gate(null);
    }

    public boolean enabled() {
        return auth != null;
    }

    /** Throws UNAUTHORIZED for credentials that are present but wrong, malformed or expired. */
    public Caller identify(String authorization, String service) {
        if (auth == null || authorization == null || authorization.isBlank()) {
            return new Caller.Anonymous();
        }
        String h = authorization.trim();
        int space = h.indexOf(' ');
        String scheme = space < 0 ? h : h.substring(0, space);
        String value = space < 0 ? "" : h.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer") && !value.isEmpty()) {
            return new Caller.Bearer(auth.bearer(value, service));
        }
        if (scheme.equalsIgnoreCase("Basic") && !value.isEmpty()) {
            String[] userPass = decodeBasic(value);
            return new Caller.Basic(auth.basic(userPass[0], userPass[1]));
        }
        throw new AuthException(AuthException.Kind.UNAUTHORIZED, "unsupported or malformed Authorization header");
    }

    public boolean may(Caller caller, String repository, Set<Action> needed) {
        if (auth == null) {
            return true;
        }
        return switch (caller) {
            case Caller.Anonymous a -> auth.permissions(new Principal.Anonymous()).allows(repository, needed);
            case Caller.Basic b -> auth.permissions(b.who().principal()).allows(repository, needed);
            case Caller.Bearer t -> t.claims().allows(repository, needed);
        };
    }

    /** Whether the principal behind a caller (not just its token) may do this, by its current permissions. */
    public boolean principalMay(Caller caller, Scope scope, Set<Action> needed) {
        if (auth == null) {
            return true;
        }
        Permissions p = switch (caller) {
            case Caller.Anonymous a -> auth.permissions(new Principal.Anonymous());
            case Caller.Basic b -> auth.permissions(b.who().principal());
            case Caller.Bearer t -> auth.permissionsOf(t.claims().subject());
        };
        return scope.catalog() ? p.catalog() : p.allows(scope.name(), needed);
    }

    public boolean mayListCatalog(Caller caller) {
        if (auth == null) {
            return true;
        }
        return switch (caller) {
            case Caller.Anonymous a -> false;
            case Caller.Basic b -> auth.permissions(b.who().principal()).catalog();
            case Caller.Bearer t -> t.claims().catalog();
        };
    }

    /**
     * Which repositories the caller may see in listings. A bearer token's own grants are per repository, so
     * for the catalog the principal's permissions apply (the token proves who it is).
     */
    public Predicate<String> readable(Caller caller) {
        if (auth == null) {
            return r -> true;
        }
        Permissions p = switch (caller) {
            case Caller.Anonymous a -> auth.permissions(new Principal.Anonymous());
            case Caller.Basic b -> auth.permissions(b.who().principal());
            case Caller.Bearer t -> auth.permissionsOf(t.claims().subject());
        };
        return r -> p.allows(r, Set.of(Action.PULL));
    }

    /** Basic {@code base64(user:password)}; the password may contain colons. */
    static String[] decodeBasic(String value) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new AuthException(AuthException.Kind.UNAUTHORIZED, "malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new AuthException(AuthException.Kind.UNAUTHORIZED, "malformed Basic credentials");
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
