package dev.slipway.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code slipway.jar} running {@code serve} as a real child process on a free port, with its
 * stdout and stderr appended to a log file. It can be killed ({@code SIGKILL}), stopped ({@code SIGTERM})
 * and started again on the same data directory and, when possible, the same port.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        // Never leave a server behind, even when the test JVM exits early.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final Path jar;
    private final Path dataDir;
    private final Path log;
    private final List<String> extraArgs;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private volatile int port;
    private volatile Process process;
    private int starts;

    private ServerProcess(Path jar, Path dataDir, Path log, List<String> extraArgs) {
        this.jar = jar;
        this.dataDir = dataDir;
        this.log = log;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a server with its data in {@code workDir/data} and its output in {@code workDir/server.log}. */
    static ServerProcess start(Path workDir, String... extraArgs) throws IOException {
        ServerProcess s = new ServerProcess(jar(), workDir.resolve("data"), workDir.resolve("server.log"), List.of(extraArgs));
        s.launch(freePort());
        return s;
    }

    /** The runnable jar, from the {@code slipway.jar} system property set by failsafe. */
    static Path jar() {
        String p = System.getProperty("slipway.jar");
        if (p == null) {
            throw new IllegalStateException("system property slipway.jar is not set (run through failsafe: mvn verify)");
        }
        Path jar = Path.of(p);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it with mvn package first");
        }
        return jar;
    }

    /** The admin user's first password, which the server wrote to its data directory on first start. */
    String adminPassword() throws IOException {
        String json = Files.readString(dataDir.resolve("admin-credentials.json"));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("password").asText();
    }

    /** Starts the server again on the same data directory (and the same port unless it is taken). */
    void restart() throws IOException {
        if (isAlive()) {
            throw new IllegalStateException("the server is still running (pid " + process.pid() + ")");
        }
        launch(port);
    }

    /** SIGKILL: the process gets no chance to clean up, like a power cut for the process. */
    void kill() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server pid " + p.pid() + " survived SIGKILL for 10 s");
        }
        LIVE.remove(p);
    }

    /** SIGTERM and wait for the process to exit; returns its exit status. */
    int stop(Duration timeout) throws InterruptedException {
        Process p = process;
        p.destroy();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            LIVE.remove(p);
            throw new AssertionError("server pid " + p.pid() + " did not exit within " + timeout + " of SIGTERM; log:\n" + logText());
        }
        LIVE.remove(p);
        return p.exitValue();
    }

    /** Sends SIGTERM without waiting. */
    void sigterm() {
        process.destroy();
    }

    /** Waits for the process to exit; its status, or null when it still runs after {@code timeout}. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        Process p = process;
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        LIVE.remove(p);
        return p.exitValue();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Process process() {
        return process;
    }

    int port() {
        return port;
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return log;
    }

    String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** The last {@code lines} lines of the server's output, for failure messages. */
    String logTail(int lines) {
        List<String> all = logText().lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (p != null) {
            LIVE.remove(p);
        }
    }

    private void launch(int preferredPort) throws IOException {
        Files.createDirectories(dataDir);
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int p = attempt == 0 ? preferredPort : freePort();
            try {
                launchOn(p);
                return;
            } catch (PortTakenException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private void launchOn(int p) throws IOException {
        starts++;
        Files.writeString(log, "=== start #" + starts + " on port " + p + " at " + Instant.now() + " ===\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        long logOffset = Files.size(log);
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                // Error responses Jetty writes itself (e.g. a 400 from its request parser) are otherwise silent;
                // with this a failing IT shows their reason in the server log it prints.
                "-Dorg.slf4j.simpleLogger.log.dev.slipway.server.BadRequests=debug",
                "-jar", jar.toString(),
                "serve", "--data-dir", dataDir.toString(), "--host", "127.0.0.1", "--port", Integer.toString(p)));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("SLIPWAY_"));
        Process started = pb.start();
        LIVE.add(started);
        this.process = started;
        this.port = p;
        try {
            await("server on port " + p + " answering /v2/").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .failFast("server process exited", () -> !started.isAlive())
                    .until(() -> v2Answers() && logSince(logOffset).contains("Slipway is serving on port " + p));
        } catch (Throwable e) {
            started.destroyForcibly();
            try {
                started.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            LIVE.remove(started);
            String out = logSince(logOffset);
            if (out.contains("Failed to bind") || out.contains("Address already in use")) {
                throw new PortTakenException(p);
            }
            throw new IllegalStateException("slipway did not start on port " + p + " (" + e.getMessage() + "); output:\n" + out, e);
        }
    }

    private boolean v2Answers() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(baseUri().resolve("/v2/")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            // 200 on an open registry, 401 with a token challenge when authentication is on.
            return r.statusCode() == 200 || r.statusCode() == 401;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logSince(long offset) {
        String all = logText();
        byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
        return offset >= bytes.length ? "" : new String(bytes, (int) offset, bytes.length - (int) offset, StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static final class PortTakenException extends IOException {
        PortTakenException(int port) {
            super("port " + port + " is taken");
        }
    }
}
