package dev.slipway.server.tasks;

import java.time.Duration;
import java.util.Set;

/** Mints the short-lived registry token a run logs in to its own registry with (auth's token service). */
@FunctionalInterface
public interface RunTokens {
    /**
     * @param registry the service name the data plane checks tokens against (the run's registry)
     * @param push     repositories the run may pull from and push to
     * @param pull     repositories the run may only pull from
     */
    String mint(String runId, String registry, Set<String> push, Set<String> pull, Duration lifetime);
}
