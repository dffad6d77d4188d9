package dev.slipway.server.maintenance;

import dev.slipway.server.registry.Registry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Periodically removes upload sessions that clients abandoned. */
public final class UploadPurger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UploadPurger.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("slipway-upload-purge").factory());

    public UploadPurger(Registry registry, Clock clock, Duration maxAge, Duration interval) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int n = registry.purgeUploads(clock.instant().minus(maxAge));
                if (n > 0) {
                    LOG.info("purged {} abandoned uploads older than {}", n, maxAge);
                }
            } catch (Exception e) {
                LOG.warn("upload purge failed", e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
