package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.slipway.server.ServerConfig;
import dev.slipway.server.tasks.RunSettings;
import dev.slipway.server.tls.TlsSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves each server setting from, in order: the command-line flag, the {@code SLIPWAY_*} environment
 * variable, the YAML config file, the built-in default.
 */
final class ServeSettings {
    static final Set<String> KEYS = Set.of("data-dir", "host", "port", "upload-purge-age", "upload-purge-interval", "auth",
            "service", "tls-cert", "tls-key", "tls-self-signed", "max-concurrent-runs", "run-log-retention", "run-id-prefix",
            "token-lifetime");

    private final Map<String, String> flags;
    private final Map<String, String> env;
    private final Map<String, String> file;

    private ServeSettings(Map<String, String> flags, Map<String, String> env, Map<String, String> file) {
        this.flags = flags;
        this.env = env;
        this.file = file;
    }

    static ServeSettings load(Map<String, String> flags, Map<String, String> env, Path configFile) throws IOException {
        Path config = configFile != null ? configFile : env.containsKey("SLIPWAY_CONFIG") ? Path.of(env.get("SLIPWAY_CONFIG")) : null;
        return new ServeSettings(flags, env, config == null ? Map.of() : readYaml(config));
    }

    static Map<String, String> readYaml(Path config) throws IOException {
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("config file " + config + " does not exist");
        }
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(config.toFile());
        Map<String, String> out = new HashMap<>();
        if (root == null || root.isNull() || root.isMissingNode()) { // empty or comments only: nothing set
            return out;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("config file " + config + " must be a YAML mapping of setting: value");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("config file " + config + ": unknown setting '" + e.getKey()
                        + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
            if (!e.getValue().isValueNode()) {
                throw new IllegalArgumentException("config file " + config + ": setting '" + e.getKey() + "' must be a plain value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    ServerConfig toConfig() {
        return new ServerConfig(
                get("data-dir", "./data", Path::of),
                get("host", "0.0.0.0", Function.identity()),
                get("port", "5000", v -> parseInt("port", v)),
                get("upload-purge-age", "24h", v -> duration("upload-purge-age", v)),
                get("upload-purge-interval", "1h", v -> duration("upload-purge-interval", v)),
                get("auth", "token", ServeSettings::auth),
                get("service", "", v -> v.isBlank() ? null : v.trim()),
                tls(),
                runs(),
                get("token-lifetime", "5m", v -> duration("token-lifetime", v)));
    }

    private RunSettings runs() {
        int max = get("max-concurrent-runs", "2", v -> parseInt("max-concurrent-runs", v));
        if (max < 1) {
            throw new IllegalArgumentException("max-concurrent-runs must be at least 1, not " + max);
        }
        Duration retention = get("run-log-retention", "30d", v -> duration("run-log-retention", v));
        String prefix = get("run-id-prefix", "ca", String::trim);
        if (!prefix.matches("[a-z]{2}")) {
            throw new IllegalArgumentException("run-id-prefix must be two lowercase letters, not '" + prefix + "'");
        }
        RunSettings d = RunSettings.DEFAULTS;
        return d.withMaxConcurrent(max).withLogRetention(retention, d.retentionInterval()).withIdPrefix(prefix);
    }

    private <T> T get(String key, String fallback, Function<String, T> parse) {
        String v = flags.get(key);
        if (v == null) {
            v = env.get("SLIPWAY_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        if (v == null) {
            v = file.get(key);
        }
        return parse.apply(v == null ? fallback : v);
    }

    private TlsSource tls() {
        String cert = get("tls-cert", "", String::trim);
        String key = get("tls-key", "", String::trim);
        boolean selfSigned = get("tls-self-signed", "false", v -> bool("tls-self-signed", v));
        if (cert.isEmpty() != key.isEmpty()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (!cert.isEmpty() && selfSigned) {
            throw new IllegalArgumentException("use either --tls-cert/--tls-key or --tls-self-signed, not both");
        }
        if (!cert.isEmpty()) {
            return new TlsSource.PemFiles(Path.of(cert), Path.of(key));
        }
        return selfSigned ? new TlsSource.SelfSigned() : null;
    }

    private static boolean bool(String key, String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
        };
    }

    private static boolean auth(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "token" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("auth must be 'token' or 'none', not '" + v + "'");
        };
    }

    private static int parseInt(String key, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + v + "'");
        }
    }

    /** Durations as {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT1H}). */
    static Duration duration(String key, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 30m, 24h or 7d, not '" + v + "'");
        }
    }
}
