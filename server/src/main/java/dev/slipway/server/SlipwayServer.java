package dev.slipway.server;

import dev.slipway.server.maintenance.UploadPurger;
import dev.slipway.server.meta.Database;
import dev.slipway.server.meta.MetadataStore;
import dev.slipway.server.registry.Registry;
import dev.slipway.server.registry.http.V2Handler;
import dev.slipway.server.storage.FileBlobStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.Executors;
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
    private final MetadataStore meta;
    private final UploadPurger purger;

    private SlipwayServer(ServerConfig config) throws IOException {
        this.config = config;
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.systemUTC();
        this.meta = Database.sqlite(config.dataDir().resolve("slipway.db"));
        FileBlobStore blobs = new FileBlobStore(config.dataDir());
        Registry registry = new Registry(meta, blobs, clock, true);
        this.purger = new UploadPurger(registry, clock, config.uploadPurgeAge(), config.uploadPurgeInterval());

        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("slipway-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setOutputBufferSize(64 * 1024);
        // An empty segment ("/v2/a//manifests/x") is an invalid repository name: let V2Handler answer NAME_INVALID.
        http.setUriCompliance(UriCompliance.DEFAULT.with("slipway", UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT));
        this.connector = new ServerConnector(jetty, 1, -1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);
        jetty.setHandler(new V2Handler(registry, jetty.getByteBufferPool()));
        jetty.setStopTimeout(10_000);
        jetty.setStopAtShutdown(false);
    }

    /** Builds and starts a server; port 0 picks a free port (see {@link #port()}). */
    public static SlipwayServer start(ServerConfig config) throws Exception {
        SlipwayServer s = new SlipwayServer(config);
        try {
            s.jetty.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        LOG.info("Slipway listening on {}:{} with data in {}", config.host(), s.port(), config.dataDir().toAbsolutePath());
        return s;
    }

    public int port() {
        return connector.getLocalPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
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
        purger.close();
        meta.close();
    }

    public ServerConfig config() {
        return config;
    }
}
