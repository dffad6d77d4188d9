package dev.slipway.server;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's error handler, plus a DEBUG line under {@code dev.slipway.server.BadRequests} for every error response
 * Jetty generates itself (a request its parser refused, an unhandled request, a failure before our handlers ran).
 * Those never reach our handlers, so without this a 400 from the parser leaves no trace unless Jetty's own
 * loggers are at DEBUG. Our handlers write their own error JSON and do not come through here.
 */
final class BadRequestLog extends ErrorHandler {
    static final Logger LOG = LoggerFactory.getLogger("dev.slipway.server.BadRequests");

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (LOG.isDebugEnabled()) {
            Object status = request.getAttribute(ERROR_STATUS);
            Object message = request.getAttribute(ERROR_MESSAGE);
            Throwable cause = request.getAttribute(ERROR_EXCEPTION) instanceof Throwable t ? t : null;
            LOG.debug("Jetty answered {} ({}) to {} {} from {}{}",
                    status == null ? response.getStatus() : status,
                    message != null ? message : cause != null ? cause.toString() : "-",
                    request.getMethod(), request.getHttpURI(), Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request),
                    cause == null ? "" : "; cause: " + describe(cause));
        }
        return super.handle(request, response, callback);
    }

    private static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null && sb.length() < 2000; c = c.getCause() == c ? null : c.getCause()) {
            if (!sb.isEmpty()) {
                sb.append(" <- ");
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
