package dev.slipway.runner.exec;

import dev.slipway.runner.spec.TaskFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run to execute.
 *
 * @param runId     the run's id (e.g. {@code ca1}); names the run's network and containers
 * @param registry  the run's own registry login server ({@code host:port}); tags without a registry get it prefixed
 * @param task      the rendered, validated task and its DAG
 * @param workspace a host directory holding the context; mounted at {@code /workspace} in every step
 * @param logins    registries to log in to before the first step (the run's own first)
 * @param masked    values that must never appear in the log (secrets, passwords, tokens)
 * @param timeout   the whole run's timeout; steps have their own (the spec's)
 * @param gitHeadRevision the Git commit of the context (the dependency report's {@code git-head-revision}), or null
 */
public record RunRequest(String runId, String registry, TaskFile.Prepared task, Path workspace,
                         List<RegistryLogin> logins, List<String> masked, Duration timeout, String gitHeadRevision) {
    public RunRequest(String runId, String registry, TaskFile.Prepared task, Path workspace,
                      List<RegistryLogin> logins, List<String> masked, Duration timeout) {
        this(runId, registry, task, workspace, logins, masked, timeout, null);
    }

    /** This request with the context's Git commit. */
    public RunRequest withGitHeadRevision(String commit) {
        return new RunRequest(runId, registry, task, workspace, logins, masked, timeout, commit);
    }

    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(task, "task");
        // Bind mounts need an absolute host path, and "inside the workspace" checks compare normalised paths.
        workspace = Objects.requireNonNull(workspace, "workspace").toAbsolutePath().normalize();
        logins = List.copyOf(logins);
        masked = List.copyOf(masked);
        Objects.requireNonNull(timeout, "timeout");
    }
}
