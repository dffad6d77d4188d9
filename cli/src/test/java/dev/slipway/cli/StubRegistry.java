package dev.slipway.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for endpoints the real server does not serve yet (the {@code /acr/v1} metadata and locks API): answers
 * canned responses and records every request, so tests check exactly what the CLI sends.
 */
final class StubRegistry implements AutoCloseable {
    record Call(String method, String uri, String body, String authorization) {
        String line() {
            return method + " " + uri;
        }
    }

    record Answer(int status, Map<String, String> headers, String body) { }

    private final HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    StubRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        answer("GET /v2/", 200, Map.of(), "{}");
        server.createContext("/", x -> {
            String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String uri = x.getRequestURI().getRawPath() + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery());
            Call call = new Call(x.getRequestMethod(), uri, body, x.getRequestHeaders().getFirst("Authorization"));
            if (!call.line().equals("GET /v2/")) {
                calls.add(call);
            }
            Answer a = answers.getOrDefault(call.line(), new Answer(404, Map.of(),
                    "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known to registry\"}]}"));
            a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            if (!a.body().isEmpty()) {
                x.getResponseHeaders().add("Content-Type", "application/json");
            }
            if (x.getRequestMethod().equals("HEAD") || bytes.length == 0) {
                x.sendResponseHeaders(a.status(), -1);
            } else {
                x.sendResponseHeaders(a.status(), bytes.length);
                x.getResponseBody().write(bytes);
            }
            x.close();
        });
        server.start();
    }

    void answer(String methodAndUri, int status, Map<String, String> headers, String body) {
        answers.put(methodAndUri, new Answer(status, headers, body));
    }

    void answer(String methodAndUri, String json) {
        answer(methodAndUri, 200, Map.of(), json);
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> lines() {
        return calls.stream().map(Call::line).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
