package dev.slipway.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.server.auth.Auth;
import dev.slipway.server.auth.AuthException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON management API under {@code /api}, used by the CLI. Only the registry's admin credentials may call it
 * (even while the admin user is disabled for docker, as ACR's management plane is separate from its admin user).
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Auth auth;
    private final ApiRoutes routes = new ApiRoutes();

    public ApiHandler(Auth auth) {
        super(InvocationType.BLOCKING);
        this.auth = auth;
        new AccessApi(auth.credentials()).register(routes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null || !(path.equals("/api") || path.startsWith("/api/"))) {
            return false;
        }
        try {
            String actor = auth.management(request.getHeaders().get("Authorization"));
            ApiRoutes.Match m = routes.match(request.getMethod(), path);
            if (m.endpoint() == null) {
                if (!m.allowed().isEmpty()) {
                    response.getHeaders().put("Allow", String.join(", ", m.allowed()));
                    throw new ApiException(405, "MethodNotAllowed", request.getMethod() + " is not supported on " + path);
                }
                throw new ApiException(404, "NotFound", "no such API endpoint: " + path);
            }
            Fields query = request.getHttpURI().getQuery() == null ? Fields.EMPTY : Request.extractQueryParameters(request);
            Object result = m.endpoint().handle(new ApiCall(request, m.params(), query, actor));
            if (result == null) {
                response.setStatus(204);
                response.write(true, null, callback);
            } else {
                write(response, callback, 200, result);
            }
        } catch (ApiException e) {
            error(response, callback, e.status(), e.code(), e.getMessage());
        } catch (AuthException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case UNAUTHORIZED -> 401;
                case DENIED -> 403;
            };
            if (status == 401) {
                response.getHeaders().put("WWW-Authenticate", "Basic realm=\"slipway\"");
            }
            error(response, callback, status, e.kind().name(), e.getMessage());
        } catch (Exception e) {
            LOG.error("{} {} failed", request.getMethod(), path, e);
            error(response, callback, 500, "InternalError", "internal server error");
        }
        return true;
    }

    private static void error(Response response, Callback callback, int status, String code, String message) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("code", code);
        err.put("message", message);
        write(response, callback, status, Map.of("error", err));
    }

    private static void write(Response response, Callback callback, int status, Object body) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(body);
            response.setStatus(status);
            response.getHeaders().put("Content-Type", "application/json");
            response.getHeaders().put("Content-Length", bytes.length);
            response.write(true, ByteBuffer.wrap(bytes), callback);
        } catch (Exception e) {
            callback.failed(e);
        }
    }
}
