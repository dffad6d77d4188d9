package dev.slipway.runner.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code acr-task.yaml} with acb's defaults applied (graph.Task after initialize): step ids, timeouts,
 * retry delays, merged environments, working directories, the default network. Immutable; the state of a run lives
 * elsewhere.
 *
 * @param version          as written ({@code v1.0.0} when absent); see {@link TaskParser} for the accepted values
 * @param stepTimeout      seconds, the default of every step's timeout (600 when absent or ≤ 0)
 * @param workingDirectory the default step working directory, if the task or the agent sets one
 * @param env              {@code K=V} entries merged into every step (already merged into each step's env)
 * @param networks         declared networks, plus {@value NetworkSpec#DEFAULT_NAME} when none were declared
 */
public record TaskSpec(String version, int stepTimeout, Optional<String> workingDirectory, List<String> env,
                       List<SecretSpec> secrets, List<NetworkSpec> networks, List<VolumeSpec> volumes,
                       List<StepSpec> steps) {
    public TaskSpec {
        Objects.requireNonNull(version, "version");
        workingDirectory = Specs.blankToEmpty(workingDirectory);
        env = Specs.list(env);
        secrets = Specs.list(secrets);
        networks = Specs.list(networks);
        volumes = Specs.list(volumes);
        steps = Specs.list(steps);
    }

    /** The step with this id, if any. */
    public Optional<StepSpec> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The same task with other steps (alias expansion rewrites {@code cmd} strings after parsing). */
    public TaskSpec withSteps(List<StepSpec> newSteps) {
        return new TaskSpec(version, stepTimeout, workingDirectory, env, secrets, networks, volumes, newSteps);
    }
}
