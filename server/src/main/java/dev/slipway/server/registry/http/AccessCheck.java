package dev.slipway.server.registry.http;

import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.auth.Action;
import dev.slipway.server.auth.AuthException;
import dev.slipway.server.auth.Caller;
import dev.slipway.server.auth.Gate;
import dev.slipway.server.auth.Scope;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Maps each /v2 request to the access it needs and asks the gate; answers 401 with a token challenge or 403.
 * Other surfaces (/acr/v1) compute their own scope and call {@link #check(Exchange, Scope)}.
 */
final class AccessCheck {
    private final Gate gate;
    private final String configuredService;

    AccessCheck(Gate gate, String configuredService) {
        this.gate = gate;
        this.configuredService = configuredService;
    }

    Gate gate() {
        return gate;
    }

    /** Identifies the caller and checks the route's need; returns the caller for listings that filter. */
    Caller check(Exchange x, Route route) {
        if (route instanceof Route.Base && gate.enabled()) {
            Caller caller = identify(x, null);
            if (caller instanceof Caller.Anonymous) {
                throw challenge(x, null, "authentication required");
            }
            return caller;
        }
        return check(x, scopeOf(route, x.method()));
    }

    /** Identifies the caller and checks that it may have {@code scope} (null = any caller will do). */
    Caller check(Exchange x, Scope scope) {
        if (!gate.enabled()) {
            return new Caller.Anonymous();
        }
        Caller caller = identify(x, scope);
        if (scope == null) {
            return caller;
        }
        boolean allowed = scope.catalog() ? gate.mayListCatalog(caller) : gate.may(caller, scope.name(), need(scope));
        if (!allowed) {
            // A token that merely lacks the scope gets a new challenge (clients then ask for a fitting token);
            // a caller whose credential can never have it is denied.
            if (caller instanceof Caller.Anonymous || (caller instanceof Caller.Bearer b && (b.claims().subject().isEmpty()
                    || gate.principalMay(caller, scope, need(scope))))) {
                throw challenge(x, scope, "authentication required");
            }
            throw new RegistryException(OciError.DENIED, "requested access to the resource is denied",
                    List.of(detail(scope)));
        }
        return caller;
    }

    private Caller identify(Exchange x, Scope scope) {
        try {
            return gate.identify(x.header(HttpHeader.AUTHORIZATION), service(x));
        } catch (AuthException e) {
            throw challenge(x, scope, e.getMessage());
        }
    }

    String service(Exchange x) {
        if (configuredService != null) {
            return configuredService;
        }
        String host = x.request().getHttpURI().getAuthority();
        return host == null || host.isEmpty() ? "slipway" : host;
    }

    /** The scope a request needs, or null for routes without a repository (unknown paths fail later). */
    static Scope scopeOf(Route route, String method) {
        return switch (route) {
            case Route.Base b -> null;
            case Route.Unknown u -> null;
            case Route.Catalog c -> Scope.catalogScope();
            case Route.Tags t -> Scope.repository(t.name(), EnumSet.of(Action.PULL));
            case Route.Referrers r -> Scope.repository(r.name(), EnumSet.of(Action.PULL));
            case Route.Manifest m -> Scope.repository(m.name(), byMethod(method));
            case Route.Blob b -> Scope.repository(b.name(), byMethod(method));
            case Route.Uploads u -> Scope.repository(u.name(), EnumSet.of(Action.PULL, Action.PUSH));
            case Route.Upload u -> Scope.repository(u.name(), EnumSet.of(Action.PULL, Action.PUSH));
        };
    }

    private static Set<Action> byMethod(String method) {
        return switch (method) {
            case "GET", "HEAD" -> EnumSet.of(Action.PULL);
            case "DELETE" -> EnumSet.of(Action.DELETE);
            default -> EnumSet.of(Action.PULL, Action.PUSH);
        };
    }

    /** Pushing needs write; the pull in a push scope is what clients ask for, not a requirement. */
    private static Set<Action> need(Scope scope) {
        Set<Action> n = EnumSet.copyOf(scope.actions().isEmpty() ? EnumSet.of(Action.PULL) : scope.actions());
        if (n.contains(Action.PUSH)) {
            n.remove(Action.PULL);
        }
        return n;
    }

    private RegistryException challenge(Exchange x, Scope scope, String message) {
        String scheme = x.request().isSecure() ? "https" : "http";
        String host = x.request().getHttpURI().getAuthority();
        StringBuilder h = new StringBuilder("Bearer realm=\"").append(scheme).append("://").append(host).append("/oauth2/token\"")
                .append(",service=\"").append(service(x)).append('"');
        if (scope != null) {
            h.append(",scope=\"").append(scope.render()).append('"');
        }
        x.header("WWW-Authenticate", h.toString());
        return new RegistryException(OciError.UNAUTHORIZED, message, scope == null ? List.of() : List.of(detail(scope)));
    }

    private static Map<String, String> detail(Scope scope) {
        return Map.of("Type", scope.type(), "Name", scope.name(),
                "Action", scope.catalog() ? "*" : String.join(",", scope.actions().stream().map(Action::scopeName).toList()));
    }
}
