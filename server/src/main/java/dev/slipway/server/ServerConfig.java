package dev.slipway.server;

import dev.slipway.server.tasks.RunSettings;
import dev.slipway.server.tls.TlsSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@code slipway serve} needs to start.
 *
 * @param uploadPurgeAge      uploads started longer ago than this are abandoned and purged
 * @param uploadPurgeInterval how often the purge runs
 * @param auth                token authentication on (the default) or an open registry
 * @param service             the token service name; null = the host clients address the registry by
 * @param tls                 where the TLS certificate comes from; null = plain HTTP
 * @param runs                run concurrency, log retention, run id prefix
 * @param tokenLifetime       how long the access tokens of {@code /oauth2/token} live (5 minutes by default)
 */
public record ServerConfig(Path dataDir, String host, int port, Duration uploadPurgeAge, Duration uploadPurgeInterval,
                           boolean auth, String service, TlsSource tls, RunSettings runs, Duration tokenLifetime) {
    public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofMinutes(5);

    public ServerConfig {
        Objects.requireNonNull(runs, "runs");
        if (tokenLifetime.compareTo(Duration.ofMinutes(1)) < 0 || tokenLifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("token lifetime must be between 1m and 24h, not " + tokenLifetime);
        }
        // Absolute from the start: run workspaces under it are bind-mounted into containers (`--data-dir ./data`).
        dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath().normalize();
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (uploadPurgeAge.isNegative() || uploadPurgeAge.isZero()) {
            throw new IllegalArgumentException("upload purge age must be positive");
        }
        if (uploadPurgeInterval.isNegative() || uploadPurgeInterval.isZero()) {
            throw new IllegalArgumentException("upload purge interval must be positive");
        }
    }

    public ServerConfig(Path dataDir, String host, int port, Duration uploadPurgeAge, Duration uploadPurgeInterval) {
        this(dataDir, host, port, uploadPurgeAge, uploadPurgeInterval, true, null, null, RunSettings.DEFAULTS);
    }

    public ServerConfig(Path dataDir, String host, int port, Duration uploadPurgeAge, Duration uploadPurgeInterval,
                        boolean auth, String service, TlsSource tls, RunSettings runs) {
        this(dataDir, host, port, uploadPurgeAge, uploadPurgeInterval, auth, service, tls, runs, DEFAULT_TOKEN_LIFETIME);
    }

    public ServerConfig(Path dataDir, String host, int port, Duration uploadPurgeAge, Duration uploadPurgeInterval,
                        boolean auth, String service, TlsSource tls) {
        this(dataDir, host, port, uploadPurgeAge, uploadPurgeInterval, auth, service, tls, RunSettings.DEFAULTS);
    }

    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig(dataDir, "0.0.0.0", 5000, Duration.ofHours(24), Duration.ofHours(1));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(dataDir, host, newPort, uploadPurgeAge, uploadPurgeInterval, auth, service, tls, runs, tokenLifetime);
    }

    public ServerConfig withAuth(boolean enabled) {
        return new ServerConfig(dataDir, host, port, uploadPurgeAge, uploadPurgeInterval, enabled, service, tls, runs, tokenLifetime);
    }

    public ServerConfig withRuns(RunSettings settings) {
        return new ServerConfig(dataDir, host, port, uploadPurgeAge, uploadPurgeInterval, auth, service, tls, settings, tokenLifetime);
    }

    public ServerConfig withService(String name) {
        return new ServerConfig(dataDir, host, port, uploadPurgeAge, uploadPurgeInterval, auth, name, tls, runs, tokenLifetime);
    }

    public ServerConfig withTls(TlsSource source) {
        return new ServerConfig(dataDir, host, port, uploadPurgeAge, uploadPurgeInterval, auth, service, source, runs, tokenLifetime);
    }

    public ServerConfig withTokenLifetime(Duration lifetime) {
        return new ServerConfig(dataDir, host, port, uploadPurgeAge, uploadPurgeInterval, auth, service, tls, runs, lifetime);
    }
}
