package dev.slipway.runner.exec;

import dev.slipway.runner.scan.DependencyReport;
import java.util.List;
import java.util.Objects;

/**
 * How a run ended.
 *
 * @param status       the terminal status
 * @param error        acb's error text for anything but success (e.g. {@code failed to run step ID: x: exit status 1})
 * @param outputImages images the run built and pushed, {@code registry/repo:tag@sha256:…}
 * @param dependencies per built image: runtime and build-time base images with digests, git revision
 * @param steps        every step in file order with its status and timing
 */
public record RunOutcome(Status status, String error, List<String> outputImages, DependencyReport dependencies,
                         List<StepResult> steps) {
    public enum Status { SUCCEEDED, FAILED, CANCELED, TIMEOUT, ERROR }

    public RunOutcome {
        Objects.requireNonNull(status, "status");
        outputImages = List.copyOf(outputImages);
        Objects.requireNonNull(dependencies, "dependencies");
        steps = List.copyOf(steps);
    }
}
