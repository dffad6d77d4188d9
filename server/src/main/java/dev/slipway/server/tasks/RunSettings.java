package dev.slipway.server.tasks;

import java.time.Duration;
import java.util.Objects;

/**
 * How runs are scheduled and kept.
 *
 * @param maxConcurrent      runs executing at once; the rest wait in a FIFO queue
 * @param logRetention       logs of runs finished longer ago are deleted (unless the run is archived)
 * @param retentionInterval  how often the log retention sweep runs
 * @param idPrefix           two lowercase letters in front of the base-32 counter ({@code ca} → ca1, ca2 …)
 * @param shutdownWait       how long a stopping server waits for canceled runs to end
 */
public record RunSettings(int maxConcurrent, Duration logRetention, Duration retentionInterval, String idPrefix,
                          Duration shutdownWait) {
    public static final RunSettings DEFAULTS = new RunSettings(2, Duration.ofDays(30), Duration.ofHours(1), "ca",
            Duration.ofSeconds(15));

    public RunSettings {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("max concurrent runs must be at least 1, not " + maxConcurrent);
        }
        if (logRetention.isNegative() || logRetention.isZero() || retentionInterval.isNegative() || retentionInterval.isZero()) {
            throw new IllegalArgumentException("run log retention and its interval must be positive");
        }
        Objects.requireNonNull(idPrefix, "idPrefix");
        if (!idPrefix.matches("[a-z]{2}")) {
            throw new IllegalArgumentException("the run id prefix must be two lowercase letters, not '" + idPrefix + "'");
        }
    }

    public RunSettings withMaxConcurrent(int n) {
        return new RunSettings(n, logRetention, retentionInterval, idPrefix, shutdownWait);
    }

    public RunSettings withLogRetention(Duration retention, Duration interval) {
        return new RunSettings(maxConcurrent, retention, interval, idPrefix, shutdownWait);
    }

    public RunSettings withIdPrefix(String prefix) {
        return new RunSettings(maxConcurrent, logRetention, retentionInterval, prefix, shutdownWait);
    }

    public RunSettings withShutdownWait(Duration wait) {
        return new RunSettings(maxConcurrent, logRetention, retentionInterval, idPrefix, wait);
    }
}
