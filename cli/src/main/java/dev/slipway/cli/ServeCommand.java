package dev.slipway.cli;

import dev.slipway.server.ServerConfig;
import dev.slipway.server.SlipwayServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway serve}: the registry with embedded defaults (SQLite + files under one data directory). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the Slipway server. Settings come from flags, SLIPWAY_* environment variables"
                + " (e.g. SLIPWAY_PORT), a YAML config file, then defaults.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML config file (env SLIPWAY_CONFIG).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where metadata and blobs live (default ./data).")
    String dataDir;

    @Option(names = "--host", description = "Address to listen on (default 0.0.0.0).")
    String host;

    @Option(names = {"--port", "-p"}, description = "Port to listen on (default 5000; 0 picks a free port).")
    String port;

    @Option(names = "--upload-purge-age", paramLabel = "DURATION",
            description = "Purge uploads abandoned for longer than this (default 24h).")
    String uploadPurgeAge;

    @Option(names = "--upload-purge-interval", paramLabel = "DURATION", description = "How often to purge (default 1h).")
    String uploadPurgeInterval;

    @Option(names = "--auth", paramLabel = "token|none",
            description = "token (default): docker token authentication; none: an open registry for local experiments.")
    String auth;

    @Option(names = "--token-lifetime", paramLabel = "DURATION",
            description = "How long access tokens from /oauth2/token live (default 5m; 1m to 24h).")
    String tokenLifetime;

    @Option(names = "--service", description = "Token service name (default: the host clients use to reach the registry).")
    String service;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS (and HTTP/2) with this certificate chain.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The private key of --tls-cert.")
    String tlsKey;

    @Option(names = "--tls-self-signed", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "Serve HTTPS with a self-signed certificate generated once into DATA/tls (local testing).")
    String tlsSelfSigned;

    @Option(names = "--max-concurrent-runs", paramLabel = "N", description = "Runs executing at once; the rest queue (default 2).")
    String maxConcurrentRuns;

    @Option(names = "--run-log-retention", paramLabel = "DURATION",
            description = "Delete logs of runs finished longer ago, unless archived (default 30d).")
    String runLogRetention;

    @Option(names = "--run-id-prefix", paramLabel = "XX", description = "Two letters in front of run ids (default ca: ca1, ca2…).")
    String runIdPrefix;

    @Override
    public Integer call() throws Exception {
        Map<String, String> flags = new HashMap<>();
        putIf(flags, "data-dir", dataDir);
        putIf(flags, "host", host);
        putIf(flags, "port", port);
        putIf(flags, "upload-purge-age", uploadPurgeAge);
        putIf(flags, "upload-purge-interval", uploadPurgeInterval);
        putIf(flags, "auth", auth);
        putIf(flags, "service", service);
        putIf(flags, "token-lifetime", tokenLifetime);
        putIf(flags, "tls-cert", tlsCert);
        putIf(flags, "tls-key", tlsKey);
        putIf(flags, "tls-self-signed", tlsSelfSigned);
        putIf(flags, "max-concurrent-runs", maxConcurrentRuns);
        putIf(flags, "run-log-retention", runLogRetention);
        putIf(flags, "run-id-prefix", runIdPrefix);
        ServerConfig cfg = ServeSettings.load(flags, System.getenv(), config).toConfig();
        SlipwayServer server = SlipwayServer.start(cfg);
        // SIGTERM / Ctrl-C: finish requests in flight, then close the stores; exit 0 when StopSignals can say so.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "slipway-shutdown"));
        try {
            StopSignals.install();
        } catch (LinkageError e) {
            // No jdk.unsupported in this runtime: the JVM's own signal handling (exit 143) stays.
        }
        spec.commandLine().getOut().println("Slipway is serving on port " + server.port() + " (data in "
                + cfg.dataDir().toAbsolutePath() + ")");
        spec.commandLine().getOut().flush();
        server.join();
        return 0;
    }

    private static void putIf(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
