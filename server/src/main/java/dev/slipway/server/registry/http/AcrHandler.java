package dev.slipway.server.registry.http;

import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.auth.Action;
import dev.slipway.server.auth.Caller;
import dev.slipway.server.auth.Credentials;
import dev.slipway.server.auth.Gate;
import dev.slipway.server.auth.Scope;
import dev.slipway.server.registry.Registry;
import java.util.EnumSet;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The ACR metadata API over {@code /acr/v1}: repository, tag and manifest details and their changeable attributes
 * (locks). Behind the same gate as /v2: reads need {@code metadata_read}, attribute changes and untag
 * {@code metadata_write}, deleting a repository {@code delete}.
 */
public final class AcrHandler extends Handler.Abstract {
    private final AccessCheck access;
    private final AcrEndpoints endpoints;

    /**
     * @param service the token service name; null = the Host the client used
     * @param audit   where attribute changes are recorded
     */
    public AcrHandler(Registry registry, Gate gate, String service, Credentials audit) {
        super(InvocationType.BLOCKING);
        this.access = new AccessCheck(gate, service);
        this.endpoints = new AcrEndpoints(registry, audit);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null || !(path.equals("/acr/v1") || path.startsWith(AcrRoute.PREFIX))) {
            return false;
        }
        try {
            Exchange x = Exchange.of(request, response, callback);
            AcrRoute route = AcrRoute.parse(path);
            Caller caller = access.check(x, scopeOf(route, x.method()));
            dispatch(x, route, caller);
        } catch (Throwable failure) {
            ErrorResponses.write(request, response, callback, failure);
        }
        return true;
    }

    private void dispatch(Exchange x, AcrRoute route, Caller caller) throws Exception {
        String reg = access.service(x);
        String actor = actor(caller);
        switch (route) {
            case AcrRoute.Catalog c -> endpoints.catalog(x, access.gate().readable(caller));
            case AcrRoute.Repository r -> endpoints.repository(x, reg, r.name(), actor);
            case AcrRoute.Tags t -> endpoints.tags(x, reg, t.name());
            case AcrRoute.Tag t -> endpoints.tag(x, reg, t.name(), t.tag(), actor);
            case AcrRoute.Manifests m -> endpoints.manifests(x, reg, m.name());
            case AcrRoute.Manifest m -> endpoints.manifest(x, reg, m.name(), m.digest(), actor);
            case AcrRoute.Unknown u -> throw new RegistryException(OciError.NOT_FOUND, "no such endpoint: " + u.path());
        }
    }

    /** The access a request needs, or null for unknown paths (they fail later). */
    static Scope scopeOf(AcrRoute route, String method) {
        return switch (route) {
            case AcrRoute.Catalog c -> Scope.catalogScope();
            case AcrRoute.Repository r -> Scope.repository(r.name(), EnumSet.of(switch (method) {
                case "PATCH" -> Action.METADATA_WRITE;
                case "DELETE" -> Action.DELETE;
                default -> Action.METADATA_READ;
            }));
            case AcrRoute.Tag t -> Scope.repository(t.name(), EnumSet.of(writes(method) ? Action.METADATA_WRITE : Action.METADATA_READ));
            case AcrRoute.Manifest m -> Scope.repository(m.name(), EnumSet.of(writes(method) ? Action.METADATA_WRITE : Action.METADATA_READ));
            case AcrRoute.Tags t -> Scope.repository(t.name(), EnumSet.of(Action.METADATA_READ));
            case AcrRoute.Manifests m -> Scope.repository(m.name(), EnumSet.of(Action.METADATA_READ));
            case AcrRoute.Unknown u -> null;
        };
    }

    private static boolean writes(String method) {
        return method.equals("PATCH") || method.equals("DELETE");
    }

    /** The name the audit log records for a caller. */
    static String actor(Caller caller) {
        return switch (caller) {
            case Caller.Anonymous a -> "anonymous";
            case Caller.Basic b -> b.who().principal().name();
            case Caller.Bearer t -> t.claims().subject();
        };
    }
}
