package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with real clients: the built {@code slipway.jar} serves (a child process) and is driven by its own CLI;
 * a token limited to {@code team/*} (content/read + content/write) can push there with docker and skopeo, is denied
 * elsewhere, and cannot log in once disabled.
 */
class TokenAuthIT {
    private static final String DOCKER = "/usr/bin/docker";
    private static final String SKOPEO = "/usr/bin/skopeo";
    private static final String BUSYBOX = "/bin/busybox";
    private static final Pattern SERVING = Pattern.compile("serving on port (\\d+)");

    @TempDir
    Path work;

    private Process server;
    private final List<String> builtImages = new ArrayList<>();
    private String registry;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(DOCKER)) && run(List.of(DOCKER, "info"), null, 120).code() == 0,
                "needs /usr/bin/docker with a running engine");
        assumeTrue(Files.isExecutable(Path.of(SKOPEO)), "needs skopeo");
        assumeTrue(Files.isRegularFile(Path.of(BUSYBOX)), "needs busybox-static");
        String jar = System.getProperty("slipway.jar");
        assertThat(jar).as("system property slipway.jar").isNotNull();
        assertThat(Path.of(jar)).exists();

        Path data = work.resolve("data");
        server = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-jar", jar, "serve",
                "--data-dir", data.toString(), "--host", "127.0.0.1", "--port", "0")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the server went away
            }
            port.completeExceptionally(new IllegalStateException("the server stopped before serving:\n" + log));
        }, "slipway-server-log");
        reader.setDaemon(true);
        reader.start();
        registry = "127.0.0.1:" + port.get(120, TimeUnit.SECONDS);

        env = new HashMap<>();
        env.put("SLIPWAY_CONFIG_DIR", work.resolve("slipway-config").toString());
        env.put("DOCKER_CONFIG", Files.createDirectories(work.resolve("docker-config")).toString());
        env.put("DOCKER_BUILDKIT", "0");
        env.put("HOME", Files.createDirectories(work.resolve("home")).toString());
    }

    @AfterEach
    void stop() throws Exception {
        for (String image : builtImages) {
            run(List.of(DOCKER, "rmi", image), null, 120);
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aTokenLimitedToTeamPushesThereOnlyAndStopsWorkingWhenDisabled() throws Exception {
        String adminPassword = new ObjectMapper().readTree(work.resolve("data/admin-credentials.json").toFile()).path("password").asText();
        cli(adminPassword, "login", registry, "-u", "admin", "--password-stdin");

        Result created = cli(null, "token", "create", "-n", "team-pusher", "--repository", "team/*", "content/read", "content/write");
        JsonNode token = new ObjectMapper().readTree(created.out());
        String password = token.path("credentials").path("passwords").get(0).path("value").asText();
        assertThat(password).isNotBlank();
        assertThat(cli(null, "scope-map", "show", "-n", "team-pusher-scope-map", "--query", "actions", "-o", "tsv").out())
                .isEqualTo("repositories/team/*/content/read\nrepositories/team/*/content/write\n");

        // docker login with the token (in a throwaway DOCKER_CONFIG), then push where it may and where it may not.
        Result login = run(List.of(DOCKER, "login", registry, "-u", "team-pusher", "--password-stdin"), password, 120);
        assertThat(login.code()).as(login.out()).isZero();
        assertThat(login.out()).contains("Login Succeeded");

        Path context = Files.createDirectories(work.resolve("context"));
        Files.copy(Path.of(BUSYBOX), context.resolve("busybox"));
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nCMD [\"/bin/busybox\", \"true\"]\n");
        String tag = "it-" + ProcessHandle.current().pid();
        String team = registry + "/team/app:" + tag;
        String other = registry + "/other/app:" + tag;
        Result build = run(List.of(DOCKER, "build", "-t", team, context.toString()), null, 300);
        assertThat(build.code()).as(build.out()).isZero();
        builtImages.add(team);
        assertThat(run(List.of(DOCKER, "tag", team, other), null, 60).code()).isZero();
        builtImages.add(other);

        Result pushTeam = run(List.of(DOCKER, "push", team), null, 300);
        assertThat(pushTeam.code()).as(pushTeam.out()).isZero();
        Result pushOther = run(List.of(DOCKER, "push", other), null, 300);
        assertThat(pushOther.code()).as(pushOther.out()).isNotZero();
        assertThat(pushOther.out()).contains("denied");

        // skopeo with --dest-creds: the same rules.
        Path archive = work.resolve("image.tar");
        assertThat(run(List.of(DOCKER, "save", "-o", archive.toString(), team), null, 120).code()).isZero();
        Path policy = work.resolve("policy.json");
        Files.writeString(policy, "{\"default\":[{\"type\":\"insecureAcceptAnything\"}]}");
        String creds = "team-pusher:" + password;
        Result copyTeam = run(List.of(SKOPEO, "--policy", policy.toString(), "copy", "--dest-tls-verify=false", "--dest-creds", creds,
                "docker-archive:" + archive, "docker://" + registry + "/team/skopeo:" + tag), null, 300);
        assertThat(copyTeam.code()).as(copyTeam.out()).isZero();
        Result copyOther = run(List.of(SKOPEO, "--policy", policy.toString(), "copy", "--dest-tls-verify=false", "--dest-creds", creds,
                "docker-archive:" + archive, "docker://" + registry + "/other/skopeo:" + tag), null, 300);
        assertThat(copyOther.code()).as(copyOther.out()).isNotZero();
        // skopeo first probes for the blob with HEAD, whose 403 carries no body: it reports "403 (Forbidden)"
        // where a later request would have said "denied". Either way nothing lands in other/ (checked below).
        assertThat(copyOther.out()).containsAnyOf("denied", "403 (Forbidden)");

        assertThat(cli(null, "repository", "list", "-o", "tsv").out()).isEqualTo("team/app\nteam/skopeo\n");

        // Disabled: docker login with the same password fails.
        assertThat(cli(null, "token", "update", "-n", "team-pusher", "--status", "disabled", "--query", "status", "-o", "tsv").out())
                .isEqualTo("disabled\n");
        Result refused = run(List.of(DOCKER, "login", registry, "-u", "team-pusher", "--password-stdin"), password, 120);
        assertThat(refused.code()).as(refused.out()).isNotZero();
        assertThat(refused.out().toLowerCase()).contains("unauthorized");
    }

    record Result(int code, String out) { }

    /** The built jar's CLI, as a user runs it; must succeed. */
    private Result cli(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", System.getProperty("slipway.jar")));
        cmd.addAll(List.of(args));
        Result r = run(cmd, stdin, 120, false);
        assertThat(r.code()).as("slipway " + String.join(" ", args) + "\n" + r.out()).isZero();
        return r;
    }

    private Result run(List<String> cmd, String stdin, int timeoutSeconds) throws Exception {
        return run(cmd, stdin, timeoutSeconds, true);
    }

    private Result run(List<String> cmd, String stdin, int timeoutSeconds, boolean mergeStderr) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(mergeStderr);
        if (env != null) {
            pb.environment().putAll(env);
        }
        if (!mergeStderr) {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), out.get(30, TimeUnit.SECONDS));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
