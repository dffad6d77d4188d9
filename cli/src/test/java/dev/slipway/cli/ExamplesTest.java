package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.server.ServerConfig;
import dev.slipway.server.tls.TlsSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example config under {@code examples/} loads through {@link ServeSettings} into a valid {@link ServerConfig}. */
class ExamplesTest {

    static Path examplesDir() {
        return Path.of(System.getProperty("slipway.examples", "../examples")).normalize();
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(examplesDir())) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @Test
    void thereIsAnExampleForEachFeature() throws IOException {
        assertThat(examples()).extracting(f -> f.getFileName().toString())
                .contains("serve-defaults.yaml", "upload-purge.yaml", "tls.yaml", "access-control.yaml", "runs.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleLoadsIntoAServerConfig(Path example) throws IOException {
        Map<String, String> values = ServeSettings.readYaml(example);
        assertThat(values).as("settings in %s", example).isNotEmpty();
        assertThat(Files.readString(example)).as("%s explains itself", example).startsWith("#");
        // No flags, no environment: what the file says is what the server gets.
        ServerConfig fromFile = ServeSettings.load(Map.of(), Map.of(), example).toConfig();
        ServerConfig sameAsFlags = ServeSettings.load(values, Map.of(), null).toConfig();
        assertThat(fromFile).isEqualTo(sameAsFlags);
    }

    @Test
    void serveDefaultsShowsTheActualDefaults() throws IOException {
        ServerConfig example = ServeSettings.load(Map.of(), Map.of(), examplesDir().resolve("serve-defaults.yaml")).toConfig();
        ServerConfig defaults = ServeSettings.load(Map.of(), Map.of(), null).toConfig();
        assertThat(example).isEqualTo(defaults);
        assertThat(ServeSettings.readYaml(examplesDir().resolve("serve-defaults.yaml")).keySet())
                .as("serve-defaults.yaml lists every setting").containsExactlyInAnyOrderElementsOf(ServeSettings.KEYS);
    }

    @Test
    void tlsExampleServesHttpsFromPemFiles() throws IOException {
        ServerConfig c = ServeSettings.load(Map.of(), Map.of(), examplesDir().resolve("tls.yaml")).toConfig();
        assertThat(c.tls()).isEqualTo(new TlsSource.PemFiles(Path.of("/etc/slipway/tls/registry.crt"),
                Path.of("/etc/slipway/tls/registry.key")));
    }

    @Test
    void accessControlExampleKeepsTokenAuthAndNamesTheService() throws IOException {
        ServerConfig c = ServeSettings.load(Map.of(), Map.of(), examplesDir().resolve("access-control.yaml")).toConfig();
        assertThat(c.auth()).isTrue();
        assertThat(c.service()).isEqualTo("registry.example.com");
        assertThat(ServeSettings.load(Map.of("auth", "none"), Map.of(), null).toConfig().auth()).isFalse();
    }

    @Test
    void uploadPurgeExampleShortensThePurge() throws IOException {
        ServerConfig c = ServeSettings.load(Map.of(), Map.of(), examplesDir().resolve("upload-purge.yaml")).toConfig();
        assertThat(c.uploadPurgeAge()).isEqualTo(Duration.ofHours(6));
        assertThat(c.uploadPurgeInterval()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void runsExampleSetsConcurrencyRetentionAndPrefix() throws IOException {
        ServerConfig c = ServeSettings.load(Map.of(), Map.of(), examplesDir().resolve("runs.yaml")).toConfig();
        assertThat(c.runs().maxConcurrent()).isEqualTo(4);
        assertThat(c.runs().logRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.runs().idPrefix()).isEqualTo("da");
        // flag > env > file
        ServerConfig flag = ServeSettings.load(Map.of("max-concurrent-runs", "1"), Map.of("SLIPWAY_MAX_CONCURRENT_RUNS", "3"),
                examplesDir().resolve("runs.yaml")).toConfig();
        assertThat(flag.runs().maxConcurrent()).isEqualTo(1);
        ServerConfig env = ServeSettings.load(Map.of(), Map.of("SLIPWAY_MAX_CONCURRENT_RUNS", "3", "SLIPWAY_RUN_LOG_RETENTION", "12h"),
                examplesDir().resolve("runs.yaml")).toConfig();
        assertThat(env.runs().maxConcurrent()).isEqualTo(3);
        assertThat(env.runs().logRetention()).isEqualTo(Duration.ofHours(12));
        assertThat(ServeSettings.load(Map.of(), Map.of(), null).toConfig().runs().maxConcurrent()).isEqualTo(2);
    }
}
