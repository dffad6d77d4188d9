package dev.slipway.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slipway.server.auth.Auth;
import dev.slipway.server.auth.AuthException;
import dev.slipway.server.tasks.RunException;
import dev.slipway.server.tasks.Runs;
import dev.slipway.server.tasks.Tasks;
import dev.slipway.server.secrets.SecretException;
import dev.slipway.server.secrets.SecretStore;
import java.io.OutputStream;
import org.eclipse.jetty.io.Content;
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
 * (even while the admin user is disabled for docker, as ACR's management plane is separate from its admin user),
 * except for its OpenAPI document ({@code /api/openapi.yaml}, {@code /api/openapi.json}), which is public.
 */
public final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Auth auth;
    private final ApiRoutes routes = new ApiRoutes();

    /**
     * @param runs    task runs; null leaves the run endpoints out
     * @param service the configured registry (token service) name, or null
     */
    public ApiHandler(Auth auth, Runs runs, String service) {
        this(auth, runs, null, null, service);
    }

    /**
     * @param tasks   named tasks; null leaves the task endpoints out (they need {@code runs} too)
     * @param secrets the built-in secret store; null leaves the secret endpoints out
     */
    public ApiHandler(Auth auth, Runs runs, Tasks tasks, SecretStore secrets, String service) {
        super(InvocationType.BLOCKING);
        this.auth = auth;
        OpenApiDocument.load().register(routes);
        new AccessApi(auth.credentials()).register(routes);
        if (runs != null) {
            RunsApi runsApi = new RunsApi(runs, service);
            runsApi.register(routes);
            if (tasks != null) {
                new TasksApi(tasks, runs, runsApi).register(routes);
            }
        }
        if (secrets != null) {
            new SecretsApi(secrets).register(routes);
        }
    }

    /** The route table, for tests that compare it with the OpenAPI document. */
    ApiRoutes routes() {
        return routes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
        if (path == null || !(path.equals("/api") || path.startsWith("/api/"))) {
            return false;
        }
        try {
            ApiRoutes.Match m = routes.match(request.getMethod(), path);
            // Credentials first for everything but the open routes: without them, 404 and 405 would reveal the API.
            String actor = m.open() ? null : auth.management(request.getHeaders().get("Authorization"));
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
            } else if (result instanceof ApiReply.Json j) {
                write(response, callback, j.status(), j.body());
            } else if (result instanceof ApiReply.Bytes b) {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", b.contentType());
                response.getHeaders().put("Content-Length", b.body().length);
                response.write(true, ByteBuffer.wrap(b.body()), callback);
            } else if (result instanceof ApiReply.Stream s) {
                response.setStatus(200);
                response.getHeaders().put("Content-Type", s.contentType());
                response.getHeaders().put("Cache-Control", "no-store");
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    s.writer().write(out);
                } catch (java.io.IOException e) {
                    callback.failed(e); // the client went away mid-stream
                    return true;
                }
                callback.succeeded();
            } else {
                write(response, callback, 200, result);
            }
        } catch (ApiException e) {
            error(response, callback, e.status(), e.code(), e.getMessage());
        } catch (RunException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
            };
            error(response, callback, status, e.kind() == RunException.Kind.INVALID ? "InvalidRequest" : e.kind().name(),
                    e.getMessage());
        } catch (SecretException e) {
            int status = switch (e.kind()) {
                case INVALID -> 400;
                case NOT_FOUND -> 404;
                case KEY_MISMATCH -> 500;
            };
            error(response, callback, status, e.kind() == SecretException.Kind.KEY_MISMATCH ? "SecretKeyMismatch"
                    : e.kind() == SecretException.Kind.INVALID ? "InvalidRequest" : "NOT_FOUND", e.getMessage());
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
