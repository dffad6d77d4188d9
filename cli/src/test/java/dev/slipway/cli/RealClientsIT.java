package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared kit's {@code real-clients.sh} (docker, skopeo, buildah, umoci/runc and raw API checks) against
 * the built jar with token authentication on (the default), logged in as the admin user: every check must pass,
 * including the authentication checks.
 */
class RealClientsIT {
    private static final Pattern RESULT = Pattern.compile("^(PASS|FAIL|SKIP) ([a-z0-9-]+)(?::.*)?$");
    private static final Pattern CHECK = Pattern.compile("^check\\s+([a-z0-9-]+)\\s+c_\\w+\\s*$");
    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) passed, (\\d+) failed$");

    @TempDir
    Path work;

    @Test
    void everyRealClientCheckPasses() throws Exception {
        Path script = Tools.kit().resolve("real-clients.sh");
        List<String> checks = checkNames(script);
        assertThat(checks).as("checks declared in %s", script).hasSizeGreaterThanOrEqualTo(30).contains("api-auth-required", "docker-login");

        try (ServerProcess server = ServerProcess.start(work)) {
            Path out = work.resolve("real-clients.out");
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), server.hostPort(), "admin", server.adminPassword())
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().keySet().removeAll(Set.of("SKIP_CHECKS", "KEEP_WORK", "SMOKE_NAMESPACE", "DOCKER_REGISTRY", "REGISTRY_SCHEME"));
            pb.environment().put("DOCKER_BIN", Tools.DOCKER);
            pb.environment().put("SMOKE_WORKDIR", Files.createDirectories(work.resolve("smoke")).toString());
            Process p = pb.start();
            boolean finished = p.waitFor(8, TimeUnit.MINUTES);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            System.out.println(output);
            String context = "real-clients.sh output:\n" + output + "\nserver log:\n" + server.logText();

            assertThat(finished).as("real-clients.sh finished within 8 minutes\n%s", context).isTrue();
            Map<String, String> results = new LinkedHashMap<>();
            List<String> lines = output.lines().toList();
            for (String line : lines) {
                Matcher m = RESULT.matcher(line);
                if (m.matches()) {
                    results.merge(m.group(2), m.group(1), (a, b) -> a + "+" + b);
                }
            }
            List<String> bad = new ArrayList<>();
            for (String check : checks) {
                String got = results.get(check);
                if (!"PASS".equals(got)) {
                    bad.add(check + "=" + got);
                }
            }
            assertThat(bad).as("checks that did not PASS\n%s", context).isEmpty();
            assertThat(results.keySet()).as("results for undeclared checks\n%s", context).containsExactlyInAnyOrderElementsOf(checks);

            String last = lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            Matcher summary = SUMMARY.matcher(last);
            assertThat(summary.matches()).as("last line '%s' is the summary\n%s", last, context).isTrue();
            assertThat(summary.group(2)).as("failed count\n%s", context).isEqualTo("0");
            assertThat(Integer.parseInt(summary.group(1))).as("passed count\n%s", context)
                    .isEqualTo(results.values().stream().filter("PASS"::equals).count());
            assertThat(p.exitValue()).as("exit status of real-clients.sh\n%s", context).isZero();
        }
    }

    /** The check names, as the script declares them ({@code check NAME FUNCTION}). */
    private static List<String> checkNames(Path script) throws Exception {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
            Matcher m = CHECK.matcher(line);
            if (m.matches()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
