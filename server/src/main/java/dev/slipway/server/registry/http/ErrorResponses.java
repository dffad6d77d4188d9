package dev.slipway.server.registry.http;

import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures of the /v2 surface become the spec's error JSON. */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static void write(Request request, Response response, Callback callback, Throwable failure) {
        if (response.isCommitted()) {
            callback.failed(failure);
            return;
        }
        int status;
        Map<String, Object> error = new LinkedHashMap<>();
        if (failure instanceof RegistryException e) {
            status = e.error().status();
            error.put("code", e.error().code());
            error.put("message", e.getMessage());
            error.put("detail", e.detail() == null ? Map.of() : e.detail());
            if (e.error() == OciError.UNSUPPORTED) {
                response.getHeaders().put("Allow", String.valueOf(e.detail() instanceof Map<?, ?> m ? m.get("allow") : ""));
            }
        } else if (failure instanceof EofException) {
            // The client went away mid-request; nothing to answer.
            callback.failed(failure);
            return;
        } else if (failure instanceof HttpException e && e.getCode() >= 400 && e.getCode() < 500) {
            // Jetty refused part of the request itself (an undecodable query, a broken body): the client's fault.
            status = e.getCode();
            error.put("code", "UNKNOWN");
            error.put("message", e.getReason() == null ? "bad request" : e.getReason());
            error.put("detail", Map.of());
        } else {
            LOG.error("{} {} failed", request.getMethod(), request.getHttpURI().getPath(), failure);
            status = 500;
            error.put("code", "UNKNOWN");
            error.put("message", "internal server error");
            error.put("detail", Map.of());
        }
        Json.write(request, response, callback, status, Map.of("errors", List.of(error)));
    }
}
