package dev.slipway.server.tasks;

import java.time.Instant;
import java.util.List;

/**
 * A run as stored: ACR's run resource.
 *
 * @param task         the task's name; null for quick runs
 * @param registry     the run's own registry (login server) its tags are prefixed with
 * @param outputImages {@code registry/repo:tag@sha256:…}
 * @param logDeleted   the log was removed by the retention job
 */
public record RunRecord(String id, long seq, RunStatus status, RunType runType, String trigger, String task, String os,
                        String architecture, String registry, Instant createTime, Instant startTime, Instant finishTime,
                        List<String> outputImages, String errorMessage, boolean archiveEnabled, boolean logDeleted) {
    public RunRecord {
        outputImages = List.copyOf(outputImages);
    }
}
