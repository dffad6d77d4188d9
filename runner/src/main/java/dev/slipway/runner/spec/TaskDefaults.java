package dev.slipway.runner.spec;

import java.util.List;
import java.util.Optional;

/**
 * What the agent adds to every task, as acb's TaskOptions does from its command line: a working directory used when
 * the task sets none, environment variables the task's own {@code env} overrides, and an existing network that
 * becomes every step's default network.
 */
public record TaskDefaults(Optional<String> workingDirectory, List<String> env, Optional<String> network) {
    public static final TaskDefaults NONE = new TaskDefaults(Optional.empty(), List.of(), Optional.empty());

    public TaskDefaults {
        workingDirectory = Specs.blankToEmpty(workingDirectory);
        env = Specs.list(env);
        network = Specs.blankToEmpty(network);
    }
}
