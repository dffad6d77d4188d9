package dev.slipway.server;

import dev.slipway.server.api.ApiHandler;
import dev.slipway.runner.exec.RunExecutor;
import dev.slipway.runner.exec.TaskExecutor;
import dev.slipway.server.auth.Auth;
import dev.slipway.server.tasks.Runs;
import dev.slipway.server.tasks.Tasks;
import dev.slipway.server.secrets.SealedValue;
import dev.slipway.server.secrets.SecretStore;
import dev.slipway.server.auth.Gate;
import dev.slipway.server.auth.http.TokenHandler;
import dev.slipway.server.maintenance.UploadPurger;
import dev.slipway.server.meta.Database;
import dev.slipway.server.meta.MetadataStore;
import dev.slipway.server.registry.Registry;
import dev.slipway.server.registry.http.AcrHandler;
import dev.slipway.server.registry.http.V2Handler;
import dev.slipway.server.storage.FileBlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import dev.slipway.server.tls.KeyStores;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: builds every component from the config and runs them on one Jetty server. */
public final class SlipwayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlipwayServer.class);

    private final ServerConfig config;
    private final Server jetty;
    private final ServerConnector connector;
    private final Database db;
    private final UploadPurger purger;
    private final Auth auth;
    private final Runs runs;
    private final ApiHandler api;

    private SlipwayServer(ServerConfig config, TaskExecutor executor) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.systemUTC();
        this.db = Database.openSqlite(config.dataDir().resolve(Database.SQLITE_FILE));
        // What is opened so far, closed in reverse if a later step fails (a bad TLS file, a lost secret key):
        // the purge and run timers are threads, and a caller that retries must not collect them.
        Deque<Runnable> opened = new ArrayDeque<>();
        opened.push(db::close);
        try {
            // First: a lost or wrong secret key stops the start before anything runs or writes.
            List<SealedValue> sealed = new ArrayList<>(Tasks.sealedValues(db.jdbc()));
            sealed.addAll(Runs.sealedValues(db.jdbc()));
            SecretStore secrets = SecretStore.open(db.jdbc(), config.dataDir(), clock, sealed);
            MetadataStore meta = db.metadataStore();
            FileBlobStore blobs = new FileBlobStore(config.dataDir());
            Registry registry = new Registry(meta, blobs, clock, true);
            this.auth = Auth.open(db.jdbc(), config.dataDir(), clock, config.tokenLifetime());
            Gate gate = config.auth() ? Gate.of(auth) : Gate.open();
            this.purger = new UploadPurger(registry, clock, config.uploadPurgeAge(), config.uploadPurgeInterval());
            opened.push(purger::close);
            Tasks tasks = new Tasks(db.jdbc(), secrets, clock);
            this.runs = new Runs(db.jdbc(), config.dataDir(), config.runs(), executor, auth::runToken, clock, tasks, secrets);
            opened.push(runs::close);
            this.jetty = new Server(threadPool(), null, bufferPool());
            this.connector = connector(jetty, config);
            connector.setHost(config.host());
            connector.setPort(config.port());
            connector.setAcceptQueueSize(1024);
            jetty.addConnector(connector);
            this.api = new ApiHandler(auth, runs, tasks, secrets, config.service());
            jetty.setHandler(new Handler.Sequence(
                    new TokenHandler(auth, gate, config.service()),
                    api,
                    new V2Handler(registry, jetty.getByteBufferPool(), gate, config.service()),
                    new AcrHandler(registry, gate, config.service(), auth.credentials())));
        } catch (IOException | RuntimeException e) {
            opened.forEach(Runnable::run);
            throw e;
        }
        // Logs (at DEBUG, dev.slipway.server.BadRequests) the error responses Jetty writes itself, e.g. parser 400s.
        jetty.setErrorHandler(new BadRequestLog());
        jetty.setStopTimeout(10_000);
        jetty.setStopAtShutdown(false);
    }

    private static QueuedThreadPool threadPool() {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("slipway-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        return threads;
    }

    /**
     * Pools buffers up to 1 MiB (Jetty's default pools only up to 64 KiB), so large socket reads and blob copies
     * reuse buffers instead of allocating zeroed direct memory per request; retained memory is capped.
     */
    private static ArrayByteBufferPool bufferPool() {
        return new ArrayByteBufferPool(0, 4096, 1 << 20, -1, 16L << 20, 32L << 20);
    }

    /** Plain HTTP/1.1, or TLS with HTTP/2 and HTTP/1.1 negotiated by ALPN. */
    private static ServerConnector connector(Server jetty, ServerConfig config) throws IOException {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setOutputBufferSize(64 * 1024);
        // Uploads arrive in large reads (fewer syscalls per MiB); the pool above makes this free for small requests.
        http.setInputBufferSize(256 * 1024);
        // Jetty's per-connection header-line cache is matched character by character against every incoming
        // line; with ~600-byte bearer tokens that lookup was a quarter of a manifest GET's CPU. Without it a GET
        // costs less with or without auth (measured: 24 vs 31 µs with a token, 19 vs 21 µs without).
        http.setHeaderCacheSize(0);
        // An empty segment ("/v2/a//manifests/x") is an invalid repository name: let V2Handler answer NAME_INVALID.
        http.setUriCompliance(UriCompliance.DEFAULT.with("slipway", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        if (config.tls() == null) {
            return new ServerConnector(jetty, 1, -1, new HttpConnectionFactory(http));
        }
        http.addCustomizer(new SecureRequestCustomizer(false));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(KeyStores.load(config.tls(), config.dataDir()));
        ssl.setKeyStorePassword(new String(KeyStores.PASSWORD));
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        HttpConnectionFactory h1 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(h1.getProtocol());
        SslConnectionFactory tls = new SslConnectionFactory(ssl, alpn.getProtocol());
        return new ServerConnector(jetty, 1, -1, tls, alpn, h2, h1);
    }

    /** Builds and starts a server; port 0 picks a free port (see {@link #port()}). */
    public static SlipwayServer start(ServerConfig config) throws Exception {
        return start(config, RunExecutor.onDocker());
    }

    /** Builds and starts a server whose runs execute on {@code executor} (tests pass their own). */
    public static SlipwayServer start(ServerConfig config, TaskExecutor executor) throws Exception {
        SlipwayServer s = new SlipwayServer(config, executor);
        try {
            s.auth.bootstrap().ifPresent(file -> LOG.info("created the admin user '{}'; its passwords are in {}", Auth.ADMIN, file));
            // Recover before accepting requests, so a run created now is never mistaken for one the last process left.
            s.runs.start();
            s.jetty.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        if (!config.auth()) {
            LOG.warn("authentication is OFF (--auth none): anyone who can reach port {} can push, pull and delete", s.port());
        }
        LOG.info("Slipway listening on {}:{} with data in {}", config.host(), s.port(), config.dataDir().toAbsolutePath());
        return s;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI baseUri() {
        return URI.create((config.tls() == null ? "http" : "https") + "://127.0.0.1:" + port());
    }

    public void join() throws InterruptedException {
        jetty.join();
    }

    /** Stops accepting, lets requests in flight finish (up to the stop timeout), then closes the stores. */
    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("error while stopping the HTTP server", e);
        }
        runs.close();
        purger.close();
        db.close();
    }

    public Auth auth() {
        return auth;
    }

    public Runs runs() {
        return runs;
    }

    /** The {@code /api} handler (tests compare its routes with the OpenAPI document). */
    public ApiHandler api() {
        return api;
    }

    public ServerConfig config() {
        return config;
    }
}
