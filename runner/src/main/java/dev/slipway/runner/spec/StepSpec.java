package dev.slipway.runner.spec;

import java.util.List;

/**
 * One step of a task: exactly one of {@code build}, {@code cmd} or {@code push} (acb's graph.Step, whose three string
 * fields became variants so a step can never be two kinds at once). What all steps share lives in
 * {@link StepProperties}; the accessors here are shortcuts to it.
 */
public sealed interface StepSpec permits BuildStep, CmdStep, PushStep {

    StepProperties properties();

    default String id() {
        return properties().id();
    }

    /** Ids this step waits for; {@code ["-"]} starts at once, empty waits for the previous step. */
    default List<String> when() {
        return properties().when();
    }

    /** Seconds before the step is killed. */
    default int timeout() {
        return properties().timeout();
    }
}
