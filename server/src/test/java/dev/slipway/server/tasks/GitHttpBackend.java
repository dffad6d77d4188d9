package dev.slipway.server.tasks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * Smart HTTP Git for tests: {@code git http-backend} as a CGI behind the JDK's HttpServer, requiring Basic auth
 * whose password is {@code token} (JGit's own HTTP server module stops at 7.5.0).
 */
final class GitHttpBackend implements AutoCloseable {
    private final HttpServer server;

    GitHttpBackend(Path projectRoot, String token) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/git/", exchange -> {
            try (exchange) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String expected = Base64.getDecoder().decode(auth == null || !auth.startsWith("Basic ") ? "" : auth.substring(6)).length == 0 ? null
                        : new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                if (expected == null || !expected.endsWith(":" + token)) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                cgi(exchange, projectRoot);
            }
        });
        server.start();
    }

    String url(String repo) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + repo;
    }

    private static void cgi(HttpExchange exchange, Path root) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath().substring("/git".length()));
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        env.put("REMOTE_USER", "test");
        env.put("REMOTE_ADDR", "127.0.0.1");
        var h = exchange.getRequestHeaders();
        if (h.getFirst("Content-Type") != null) {
            env.put("CONTENT_TYPE", h.getFirst("Content-Type"));
        }
        if (h.getFirst("Content-Encoding") != null) {
            env.put("HTTP_CONTENT_ENCODING", h.getFirst("Content-Encoding"));
        }
        if (h.getFirst("Git-Protocol") != null) {
            env.put("GIT_PROTOCOL", h.getFirst("Git-Protocol"));
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        Process p = pb.start();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream in = p.getOutputStream()) {
                in.write(body);
            } catch (IOException e) {
                // the backend may not read it all
            }
        });
        byte[] out;
        try (InputStream stdout = p.getInputStream()) {
            out = stdout.readAllBytes();
        }
        try {
            writer.join();
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int end = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        int sep = 4;
        if (end < 0) {
            end = indexOf(out, "\n\n".getBytes(StandardCharsets.ISO_8859_1));
            sep = 2;
        }
        int status = 200;
        for (String line : new String(out, 0, Math.max(end, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(out, end + sep, out.length - end - sep);
        exchange.sendResponseHeaders(status, rest.size() == 0 ? -1 : rest.size());
        if (rest.size() > 0) {
            exchange.getResponseBody().write(rest.toByteArray());
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
