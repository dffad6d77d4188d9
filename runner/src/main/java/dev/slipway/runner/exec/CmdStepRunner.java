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
        if (DockerCli.isDockerCommand(words(step.cmd()))) {
            return dockerCli(step);
        }
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
        return new Plan(spec, p.detach() || cmd.detach(), p.keep(), p.pull(), false);
    }

    /**
     * A cmd that runs the docker CLI: the whole string through {@code sh -c} in the docker-CLI image, on the
     * step's network, with the engine's socket, the run's docker logins in the shared home, and the workspace both
     * at /workspace and at its host path, the latter as the working directory, so that a nested
     * {@code docker run -v $PWD:/src} or {@code docker build .} sees the same files. {@code SLIPWAY_NETWORK} names
     * the run's network for nested {@code docker run --network}.
     */
    private Plan dockerCli(CmdStep step) {
        StepProperties p = step.properties();
        String workspace = run.request.workspace().toAbsolutePath().normalize().toString();
        String workdir = RunContext.workdir(p);
        String hostWorkdir = run.hostPath(workdir).map(Path::toString).orElse(workdir);
        String network = p.network().map(run::dockerNetwork).orElse(null);
        var binds = new ArrayList<String>();
        binds.add(workspace + ":" + RunContext.WORKSPACE);
        if (!workspace.equals(RunContext.WORKSPACE)) {
            binds.add(workspace + ":" + workspace);
        }
        binds.add(run.homeDirectory() + ":" + RunContext.HOME);
        var env = new ArrayList<String>();
        env.add("HOME=" + RunContext.HOME);
        env.add("DOCKER_CONFIG=" + RunContext.HOME + "/.docker");
        String host = run.engine.dockerHost();
        if (host.startsWith("unix://")) {
            String socket = host.substring("unix://".length());
            binds.add(socket + ":/var/run/docker.sock");
        } else {
            env.add("DOCKER_HOST=" + host);
        }
        if (network != null) {
            env.add("SLIPWAY_NETWORK=" + network);
        }
        for (VolumeMount mount : p.volumeMounts()) {
            Path dir = run.volume(mount.name()).orElseThrow(() ->
                    new StepFailure("mount name, " + mount.name() + ", does not correspond to a volume"));
            binds.add(dir + ":" + mount.mountPath() + ":ro");
        }
        env.addAll(p.env());
        List<String> aliases = network != null && run.supportsAliases(network) ? List.of(step.id()) : List.of();
        var spec = new ContainerSpec(run.containerName(step.id()), DockerCli.image(), List.of("/bin/sh"),
                List.of("-c", step.cmd()), env, p.disableWorkingDirectoryOverride() ? null : hostWorkdir,
                p.user().orElse(null), p.privileged(), binds, network, aliases, p.expose(), p.ports());
        return new Plan(spec, p.detach(), p.keep(), p.pull(), true);
    }

    private static List<String> words(String cmd) {
        try {
            return dev.slipway.runner.scan.CommandWords.split(cmd);
        } catch (dev.slipway.runner.scan.ScanException e) {
            return List.of();
        }
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
        if (plan.dockerCli()) {
            Watchdog.within(deadlineNanos, () -> {
                DockerCli.ensure(engine, image, output);
                return null;
            });
        }
        // docker run pulls a missing image; `pull: true` refreshes it even when present (acb's pre-pull)
        if (plan.pull() && !plan.dockerCli() || engine.inspectImage(image).isEmpty()) {
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
    record Plan(ContainerSpec spec, boolean detach, boolean keep, boolean pull, boolean dockerCli) {
    }
}
