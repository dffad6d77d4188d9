package dev.slipway.runner.exec;

import dev.slipway.runner.spec.CmdStep;
import java.util.Optional;

/** What the server must know of a step before the run starts: the image a {@code cmd} step runs. */
public final class StepImages {
    private StepImages() {
    }

    /** The image of a {@code cmd} step (after its docker-run flags); empty for docker-CLI steps and malformed ones. */
    public static Optional<String> cmdImage(CmdStep step) {
        try {
            return Optional.ofNullable(CmdLine.parse(step.cmd()).image());
        } catch (StepFailure e) {
            return Optional.empty();
        }
    }
}
