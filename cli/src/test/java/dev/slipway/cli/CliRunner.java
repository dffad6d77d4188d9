package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.cli.support.Env;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process through {@link Main#run} with its own config directories (nothing global is touched). */
final class CliRunner {
    final Path configDir;
    final Path dockerDir;
    final Path home;

    CliRunner(Path root) {
        this.configDir = root.resolve("slipway-config");
        this.dockerDir = root.resolve("docker-config");
        try {
            this.home = Files.createDirectories(root.resolve("home"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    record Result(int code, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }

        /** Bad usage: exit 2, one error line, then (for parse errors) the hint to see --help. */
        Result usageError(String firstLineStart) {
            List<String> lines = err.lines().toList();
            if (code != 2 || lines.isEmpty() || !lines.get(0).startsWith(firstLineStart) || lines.size() > 2
                    || (lines.size() == 2 && !lines.get(1).matches("Try 'slipway .*--help'\\."))) {
                throw new AssertionError("expected a usage error starting with '" + firstLineStart + "': " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Result run(String... args) {
        return runWithStdin("", args);
    }

    Result runWithStdin(String stdin, String... args) {
        return runWithEnv(Map.of(), stdin, args);
    }

    /** Runs with extra environment variables besides the config locations. */
    Result runWithEnv(Map<String, String> vars, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> all = new java.util.HashMap<>(vars);
        all.put("SLIPWAY_CONFIG_DIR", configDir.toString());
        all.put("DOCKER_CONFIG", dockerDir.toString());
        Env env = new Env(all, home, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs and insists on success. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.code() != 0) {
            throw new AssertionError("slipway " + String.join(" ", args) + " failed: " + r);
        }
        return r;
    }

    Result login(TestRegistry registry) {
        Result r = runWithStdin(registry.adminPassword + "\n", "login", registry.hostPort(), "-u", "admin", "--password-stdin");
        if (r.code() != 0) {
            throw new AssertionError("login failed: " + r);
        }
        return r;
    }

    JsonNode cliConfig() throws IOException {
        return new ObjectMapper().readTree(configDir.resolve("config.json").toFile());
    }

    JsonNode dockerConfig() throws IOException {
        return new ObjectMapper().readTree(dockerDir.resolve("config.json").toFile());
    }
}
