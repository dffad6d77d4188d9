package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.server.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code slipway serve} in-process through {@link Main#run}, and {@link ServeSettings} precedence. */
// A regression that let a bad invocation start the server would block; the timeout turns that into a failure.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Run slipway(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    // ---- the command line

    @Test
    void serveHelpExitsZeroAndDescribesEverySetting() {
        Run r = slipway("serve", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Usage: slipway serve", "SLIPWAY_", "--config", "--data-dir", "--host", "--port",
                "--upload-purge-age", "--upload-purge-interval");
    }

    @Test
    void unknownFlagIsAOneLineErrorWithAHint() {
        Run r = slipway("serve", "--data-dir", dir.toString(), "--bogus");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("error: Unknown option: '--bogus'", "Try 'slipway serve --help'.");
    }

    @Test
    void missingFlagValueIsAnError() {
        Run r = slipway("serve", "--data-dir", dir.toString(), "--port");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.errLines()).hasSize(2);
        assertThat(r.errLines().get(0)).startsWith("error: ").contains("--port");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --port                  | abc   | error: port must be a number, not 'abc'
            --port                  | 70000 | error: port must be between 0 and 65535, not 70000
            --port                  | -1    | error: port must be between 0 and 65535, not -1
            --upload-purge-age      | 5x    | error: upload-purge-age must be a duration such as 30m, 24h or 7d, not '5x'
            --upload-purge-age      | h     | error: upload-purge-age must be a duration such as 30m, 24h or 7d, not 'h'
            --upload-purge-interval | 0s    | error: upload purge interval must be positive
            --upload-purge-age      | -5m   | error: upload purge age must be positive
            --token-lifetime        | 30s   | error: token lifetime must be between 1m and 24h, not PT30S
            --token-lifetime        | 2d    | error: token lifetime must be between 1m and 24h, not PT48H
            """)
    void badValueIsOneLineErrorAndExitOne(String flag, String value, String expected) {
        Run r = slipway("serve", "--data-dir", dir.resolve("data").toString(), flag, value);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(expected);
        assertThat(dir.resolve("data")).as("nothing started, nothing created").doesNotExist();
    }

    @Test
    void missingConfigFileIsOneLineError() {
        Path missing = dir.resolve("missing.yaml");
        Run r = slipway("serve", "--config", missing.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("error: config file " + missing + " does not exist");
    }

    @Test
    void unknownSettingInConfigFileIsOneLineErrorNamingTheKnownOnes() throws IOException {
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "port: 5000\nprot: 5001\n");
        Run r = slipway("serve", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("error: config file " + cfg + ": unknown setting 'prot'"
                + " (known: " + String.join(", ", ServeSettings.KEYS.stream().sorted().toList()) + ")");
    }

    @Test
    void malformedYamlIsOneLineError() throws IOException {
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "port: [5000\nhost: x\n");
        Run r = slipway("serve", "--config", cfg.toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("error: ");
    }

    @Test
    void badValueInConfigFileIsReportedLikeABadFlag() throws IOException {
        Path cfg = Files.writeString(dir.resolve("c.yaml"), "upload-purge-interval: soon\n");
        Run r = slipway("serve", "--config", cfg.toString(), "--data-dir", dir.resolve("data").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly(
                "error: upload-purge-interval must be a duration such as 30m, 24h or 7d, not 'soon'");
    }

    // ---- precedence: flag > SLIPWAY_* environment variable > YAML file > default

    @Test
    void withNothingGivenEverySettingHasItsDefault() throws IOException {
        assertThat(settings(Map.of(), Map.of(), null))
                .isEqualTo(new ServerConfig(Path.of("./data"), "0.0.0.0", 5000, Duration.ofHours(24), Duration.ofHours(1)));
        // absolute: run workspaces under it are bind-mounted into step containers
        assertThat(settings(Map.of(), Map.of(), null).dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void eachSourceWinsOverTheOnesBelowIt() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), "port: 1001\n");
        Map<String, String> env = Map.of("SLIPWAY_PORT", "1002");
        Map<String, String> flags = Map.of("port", "1003");

        assertThat(settings(Map.of(), Map.of(), null).port()).as("default").isEqualTo(5000);
        assertThat(settings(Map.of(), Map.of(), file).port()).as("file over default").isEqualTo(1001);
        assertThat(settings(Map.of(), env, file).port()).as("environment over file").isEqualTo(1002);
        assertThat(settings(Map.of(), env, null).port()).as("environment over default").isEqualTo(1002);
        assertThat(settings(flags, env, file).port()).as("flag over environment and file").isEqualTo(1003);
        assertThat(settings(flags, Map.of(), file).port()).as("flag over file").isEqualTo(1003);
    }

    @Test
    void precedenceIsDecidedPerSetting() throws IOException {
        Path file = Files.writeString(dir.resolve("c.yaml"), """
                data-dir: /from/file
                host: 10.0.0.1
                port: 1001
                upload-purge-age: 3h
                """);
        Map<String, String> env = Map.of("SLIPWAY_HOST", "10.0.0.2", "SLIPWAY_PORT", "1002", "SLIPWAY_TOKEN_LIFETIME", "1h");
        Map<String, String> flags = Map.of("port", "1003");
        ServerConfig c = settings(flags, env, file);
        assertThat(c.tokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(c.port()).isEqualTo(1003);
        assertThat(c.host()).isEqualTo("10.0.0.2");
        assertThat(c.dataDir()).isEqualTo(Path.of("/from/file"));
        assertThat(c.uploadPurgeAge()).isEqualTo(Duration.ofHours(3));
        assertThat(c.uploadPurgeInterval()).as("default").isEqualTo(Duration.ofHours(1));
    }

    @Test
    void environmentVariableNamesAreUpperCaseWithUnderscores() throws IOException {
        ServerConfig c = settings(Map.of(), Map.of("SLIPWAY_DATA_DIR", "/env/data", "SLIPWAY_HOST", "127.0.0.1",
                "SLIPWAY_UPLOAD_PURGE_AGE", "2d", "SLIPWAY_UPLOAD_PURGE_INTERVAL", "90s",
                "SLIPWAY_upload_purge_age", "1s", "UPLOAD_PURGE_AGE", "1s"), null);
        assertThat(c).isEqualTo(new ServerConfig(Path.of("/env/data"), "127.0.0.1", 5000, Duration.ofDays(2), Duration.ofSeconds(90)));
    }

    @Test
    void slipwayConfigVariableNamesTheFileAndTheFlagOverridesIt() throws IOException {
        Path fromEnv = Files.writeString(dir.resolve("env.yaml"), "port: 2001\nhost: 10.0.0.9\n");
        Path fromFlag = Files.writeString(dir.resolve("flag.yaml"), "port: 2002\n");
        Map<String, String> env = Map.of("SLIPWAY_CONFIG", fromEnv.toString());
        assertThat(settings(Map.of(), env, null).port()).isEqualTo(2001);
        ServerConfig c = settings(Map.of(), env, fromFlag);
        assertThat(c.port()).as("--config wins over SLIPWAY_CONFIG").isEqualTo(2002);
        assertThat(c.host()).as("only one file is read").isEqualTo("0.0.0.0");
    }

    @Test
    void emptyConfigFileMeansDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.yaml"), "# nothing set\n");
        assertThat(settings(Map.of(), Map.of(), file)).isEqualTo(settings(Map.of(), Map.of(), null));
    }

    @Test
    void configFileMustBeAMappingOfPlainValues() throws IOException {
        Path list = Files.writeString(dir.resolve("list.yaml"), "- port\n- 5000\n");
        Path nested = Files.writeString(dir.resolve("nested.yaml"), "port:\n  value: 5000\n");
        assertThatThrownBy(() -> settings(Map.of(), Map.of(), list)).hasMessageContaining("must be a YAML mapping");
        assertThatThrownBy(() -> settings(Map.of(), Map.of(), nested)).hasMessageContaining("'port' must be a plain value");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"90s, PT1M30S", "30m, PT30M", "24h, PT24H", "7d, PT168H", "PT1H, PT1H", "pt45m, PT45M", " 2h , PT2H", "1H, PT1H"})
    void durationsAcceptUnitsAndIso8601(String text, String iso) {
        assertThat(ServeSettings.duration("upload-purge-age", text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"''", "h", "5", "5x", "1.5h", "PT", "five minutes"})
    void badDurationsNameTheSetting(String text) {
        assertThatThrownBy(() -> ServeSettings.duration("upload-purge-age", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("upload-purge-age must be a duration such as 30m, 24h or 7d, not '" + text + "'");
    }

    private static ServerConfig settings(Map<String, String> flags, Map<String, String> env, Path file) throws IOException {
        return ServeSettings.load(new HashMap<>(flags), new HashMap<>(env), file).toConfig();
    }
}
