package dev.slipway.runner.exec;

/**
 * The executor on a container engine. PLACEHOLDER while the engine work is on its branch: this file is replaced by
 * the real implementation before anything lands.
 */
public final class RunExecutor implements TaskExecutor {
    /** The executor on the local Docker (or Podman) engine: {@code DOCKER_HOST}, else the default unix socket. */
    public static RunExecutor onDocker() {
        return new RunExecutor();
    }

    @Override
    public RunOutcome execute(RunRequest request, RunLog log, Cancellation cancellation) {
        throw new IllegalStateException("not built yet");
    }
}
