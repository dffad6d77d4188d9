package dev.slipway.server.auth.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.server.auth.Auth;
import dev.slipway.server.auth.AuthException;
import dev.slipway.server.auth.Authenticated;
import dev.slipway.server.auth.Caller;
import dev.slipway.server.auth.Gate;
import dev.slipway.server.auth.Principal;
import dev.slipway.server.auth.Scope;
import dev.slipway.server.auth.TokenGrant;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker token endpoint {@code /oauth2/token}: GET with Basic credentials (or none, for anonymous pull), and
 * POST with the {@code password} and {@code refresh_token} grants. Grants the requested scopes cut down to what
 * the credential allows.
 */
public final class TokenHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(TokenHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Auth auth;
    private final Gate gate;
    private final String configuredService;

    public TokenHandler(Auth auth, Gate gate, String configuredService) {
        super(InvocationType.BLOCKING);
        this.auth = auth;
        this.gate = gate;
        this.configuredService = configuredService;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!"/oauth2/token".equals(request.getHttpURI().getPath())) {
            return false;
        }
        try {
            Fields params = Request.getParameters(request);
            String service = value(params, "service");
            String expected = configuredService != null ? configuredService : request.getHttpURI().getAuthority();
            if (service == null) {
                service = expected;
            } else if (!service.equals(expected)) {
                throw new AuthException(AuthException.Kind.INVALID, "this registry's service is " + expected + ", not " + service);
            }
            List<Scope> scopes = scopes(params);
            TokenGrant grant = switch (request.getMethod()) {
                case "GET" -> get(request, params, service, scopes);
                case "POST" -> post(params, service, scopes);
                default -> throw new AuthException(AuthException.Kind.INVALID, request.getMethod() + " is not supported; use GET or POST");
            };
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("token", grant.accessToken());
            body.put("access_token", grant.accessToken());
            body.put("expires_in", grant.expiresInSeconds());
            body.put("issued_at", grant.issuedAt().toString());
            if (grant.refreshToken() != null) {
                body.put("refresh_token", grant.refreshToken());
            }
            write(response, callback, 200, body);
        } catch (AuthException e) {
            int status = switch (e.kind()) {
                case UNAUTHORIZED -> 401;
                case DENIED -> 403;
                default -> 400;
            };
            if (status == 401) {
                response.getHeaders().put("WWW-Authenticate", "Basic realm=\"slipway\"");
            }
            write(response, callback, status, Map.of("errors", List.of(Map.of(
                    "code", status == 401 ? "UNAUTHORIZED" : status == 403 ? "DENIED" : "INVALID_REQUEST", "message", e.getMessage()))));
        } catch (Exception e) {
            LOG.error("token request failed", e);
            write(response, callback, 500, Map.of("errors", List.of(Map.of("code", "UNKNOWN", "message", "internal server error"))));
        }
        return true;
    }

    private TokenGrant get(Request request, Fields params, String service, List<Scope> scopes) {
        Caller caller = gate.identify(request.getHeaders().get("Authorization"), service);
        boolean offline = "true".equalsIgnoreCase(value(params, "offline_token"));
        return switch (caller) {
            case Caller.Basic b -> auth.issue(b.who(), service, scopes, offline);
            case Caller.Anonymous a -> {
                if (!auth.anonymousPull()) {
                    throw new AuthException(AuthException.Kind.UNAUTHORIZED, "authentication required");
                }
                yield auth.issue(new Authenticated(new Principal.Anonymous(), ""), service, scopes, false);
            }
            case Caller.Bearer t -> throw new AuthException(AuthException.Kind.UNAUTHORIZED,
                    "use Basic credentials or a refresh token to get a token");
        };
    }

    private TokenGrant post(Fields params, String service, List<Scope> scopes) {
        String grantType = value(params, "grant_type");
        boolean offline = "offline".equalsIgnoreCase(value(params, "access_type"));
        if ("password".equals(grantType)) {
            String user = value(params, "username");
            String password = value(params, "password");
            if (user == null || password == null) {
                throw new AuthException(AuthException.Kind.INVALID, "username and password are required");
            }
            return auth.issue(auth.basic(user, password), service, scopes, offline);
        }
        if ("refresh_token".equals(grantType)) {
            String refresh = value(params, "refresh_token");
            if (refresh == null) {
                throw new AuthException(AuthException.Kind.INVALID, "refresh_token is required");
            }
            return auth.refresh(refresh, service, scopes);
        }
        throw new AuthException(AuthException.Kind.INVALID, "unsupported grant_type: " + grantType);
    }

    private static List<Scope> scopes(Fields params) {
        List<Scope> out = new ArrayList<>();
        Fields.Field f = params.get("scope");
        if (f != null) {
            for (String v : f.getValues()) {
                for (String part : v.split(" ")) {
                    Scope s = part.isBlank() ? null : Scope.parse(part.trim());
                    if (s != null) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    private static String value(Fields params, String name) {
        Fields.Field f = params.get(name);
        return f == null ? null : f.getValue();
    }

    private static void write(Response response, Callback callback, int status, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            response.setStatus(status);
            response.getHeaders().put("Content-Type", "application/json");
            response.getHeaders().put("Cache-Control", "no-store");
            response.getHeaders().put("Content-Length", bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        } catch (Exception e) {
            callback.failed(e);
        }
    }
}
