package dev.slipway.runner.exec;

import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.StepProperties;
import dev.slipway.runner.spec.VolumeMount;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A {@code cmd} step as acb's {@code docker run} would start it: step properties first, flags written in the
 * {@code cmd} string win; the workspace at /workspace, a home shared by the run's steps at /acb/home.
 */
final class CmdStepRunner {
    private static final Pattern NAMED_VOLUME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Duration LOG_DRAIN = Duration.ofSeconds(10);

    private final RunContext run;

    CmdStepRunner(RunContext run) {
        this.run = run;
    }

    /** What the step runs; a cmd line a run cannot honour fails here, before any attempt. */
    Plan plan(CmdStep step) {
        StepProperties p = step.properties();
        CmdLine cmd = CmdLine.parse(step.cmd());
        String workdir = cmd.workdir() != null ? cmd.workdir()
                : p.disableWorkingDirectoryOverride() ? null : RunContext.workdir(p);
        String network = cmd.network() != null ? cmd.network() : p.network().orElse(null);
        String dockerNetwork = network == null ? null : run.dockerNetwork(network);
        var binds = new ArrayList<String>();
        binds.add(run.request.workspace().toAbsolutePath() + ":" + RunContext.WORKSPACE);
        binds.add(run.homeDirectory() + ":" + RunContext.HOME);
        for (VolumeMount mount : p.volumeMounts()) {
            Path dir = run.volume(mount.name()).orElseThrow(() ->
                    new StepFailure("mount name, " + mount.name() + ", does not correspond to a volume"));
            binds.add(dir + ":" + mount.mountPath() + ":ro");
        }
        cmd.volumes().forEach(v -> binds.add(bind(v)));
        var env = new ArrayList<String>();
        env.add("HOME=" + RunContext.HOME);
        env.addAll(p.env());
        env.addAll(cmd.env());
        String entrypoint = cmd.entrypoint() != null ? cmd.entrypoint() : p.entryPoint().orElse(null);
        var ports = new ArrayList<>(p.ports());
        ports.addAll(cmd.publish());
        var expose = new ArrayList<>(p.expose());
        expose.addAll(cmd.expose());
        List<String> aliases = dockerNetwork != null && run.supportsAliases(dockerNetwork) ? List.of(step.id())
                : List.of();
        var spec = new ContainerSpec(run.containerName(step.id()), cmd.image(),
                entrypoint == null ? null : List.of(entrypoint), cmd.args(), env, workdir,
                cmd.user() != null ? cmd.user() : p.user().orElse(null), p.privileged() || cmd.privileged(), binds,
                dockerNetwork, aliases, expose, ports);
        return new Plan(spec, p.detach() || cmd.detach(), p.keep(), p.pull());
    }

    /** A {@code -v} of the cmd string: only the workspace, task volumes and named volumes may be mounted. */
    private String bind(String volume) {
        String[] parts = volume.split(":", 3);
        if (parts.length < 2) {
            throw new StepFailure("cmd: volume " + volume + " needs source:target");
        }
        String source = parts[0];
        String rest = volume.substring(source.length());
        if (source.startsWith("/")) {
            Path host = run.hostPath(source).orElseThrow(() -> new StepFailure("cmd: volume " + volume
                    + ": only paths under " + RunContext.WORKSPACE + " and named volumes can be mounted"));
            return host + rest;
        }
        if (source.startsWith(".")) {
            return run.request.workspace().toAbsolutePath().resolve(source).normalize() + rest;
        }
        if (!NAMED_VOLUME.matcher(source).matches()) {
            throw new StepFailure("cmd: volume " + volume + ": not a workspace path or a volume name");
        }
        return run.volume(source).map(dir -> dir + rest).orElse(volume);
    }

    /**
     * One attempt: create, start, stream output, wait until the step's deadline. A detached container is left
     * running (the run kills it at its end).
     */
    void attempt(String stepId, Plan plan, long deadlineNanos, Consumer<String> output) {
        Engine engine = run.engine;
        String name = plan.spec().name();
        String image = plan.spec().image();
        // docker run pulls a missing image; `pull: true` refreshes it even when present (acb's pre-pull)
        if (plan.pull() || engine.inspectImage(image).isEmpty()) {
            Watchdog.within(deadlineNanos, () -> {
                engine.pullImage(image, run.loginFor(image).orElse(null), output);
                return null;
            });
        }
        engine.removeContainer(name); // a kept container of an earlier attempt or repeat holds the name
        engine.createContainer(plan.spec());
        run.started(name, plan.keep());
        run.log.info("Launching container with name: %s", name);
        engine.startContainer(name);
        Thread logs = Thread.ofVirtual().name("logs-" + name).start(() -> engine.followLogs(name, output));
        if (plan.detach()) {
            run.log.info("Successfully executed container: %s", name);
            return;
        }
        OptionalInt exit = engine.waitContainer(name, Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime())));
        if (exit.isEmpty()) {
            engine.killContainer(name);
        }
        drain(logs);
        if (!plan.keep()) {
            engine.removeContainer(name);
            run.removed(name);
        }
        if (exit.isEmpty()) {
            throw StepFailure.timedOut();
        }
        if (exit.getAsInt() != 0) {
            throw new StepFailure("exit status " + exit.getAsInt());
        }
        run.log.info("Successfully executed container: %s", name);
    }

    private static void drain(Thread logs) {
        try {
            if (!logs.join(LOG_DRAIN)) {
                logs.interrupt();
            }
        } catch (InterruptedException e) {
            logs.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    /** A cmd step ready to start. */
    record Plan(ContainerSpec spec, boolean detach, boolean keep, boolean pull) {
    }
}
