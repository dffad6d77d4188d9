package dev.slipway.server.registry.http;

import org.eclipse.jetty.server.Request;

final class HttpMethodNames {
    private HttpMethodNames() {
    }

    static boolean isHead(Request request) {
        return "HEAD".equals(request.getMethod());
    }
}
