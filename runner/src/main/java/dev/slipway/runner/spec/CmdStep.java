package dev.slipway.runner.spec;

import java.util.Objects;

/**
 * {@code cmd: [docker run flags] image[:tag] [args]}: the string follows {@code docker run}'s own argument order, so
 * it may start with extra run flags; the executor splits it like a shell would.
 */
public record CmdStep(StepProperties properties, String cmd) implements StepSpec {
    public CmdStep {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(cmd, "cmd");
    }
}
