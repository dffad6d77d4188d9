package dev.slipway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real clients the end-to-end tests drive, and a way to run them. */
final class Tools {
    /** The real docker CLI (a client-only stub may come first in PATH). */
    static final String DOCKER = "/usr/bin/docker";

    private Tools() {
    }

    /** The shared test kit, from the {@code slipway.kit} system property set by failsafe. */
    static Path kit() {
        String p = System.getProperty("slipway.kit");
        if (p == null) {
            throw new IllegalStateException("system property slipway.kit is not set (run through failsafe: mvn verify)");
        }
        Path kit = Path.of(p).normalize();
        if (!Files.isRegularFile(kit.resolve("real-clients.sh"))) {
            throw new IllegalStateException("slipway.kit=" + kit + " does not hold real-clients.sh");
        }
        return kit;
    }

    /** A finished command: its exit status and its output (stdout and stderr merged). */
    record Result(List<String> command, int exit, String output) {
        Result ok() {
            if (exit != 0) {
                throw new AssertionError(this);
            }
            return this;
        }

        /** The last non-blank line of the output. */
        String lastLine() {
            return output.lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        }

        @Override
        public String toString() {
            return "$ " + String.join(" ", command) + "\n(exit " + exit + ")\n" + output;
        }
    }

    /** Runs a command with stderr merged into stdout, within a time limit. */
    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "cmd-", ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            throw new AssertionError("timed out: " + String.join(" ", command) + "\n" + Files.readString(out));
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(List.copyOf(command), p.exitValue(), output);
    }

    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, List.of(command));
    }
}
