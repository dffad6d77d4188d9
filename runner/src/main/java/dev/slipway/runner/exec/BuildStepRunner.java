package dev.slipway.runner.exec;

import dev.slipway.runner.scan.BuildCommand;
import dev.slipway.runner.scan.Dependencies;
import dev.slipway.runner.scan.DependencyReport;
import dev.slipway.runner.scan.DockerBuildCommand;
import dev.slipway.runner.scan.DockerfileScanner;
import dev.slipway.runner.scan.ScanException;
import dev.slipway.runner.scan.Tags;
import dev.slipway.runner.spec.BuildStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A {@code build} step: the {@code docker build} arguments parsed, tags given the run's registry, the Dockerfile
 * scanned for base images, then the build on the engine with the context taken relative to the step's working
 * directory (inside the workspace).
 */
final class BuildStepRunner {
    private final RunContext run;

    BuildStepRunner(RunContext run) {
        this.run = run;
    }

    /** Parses and scans once, before any attempt; a bad command or Dockerfile fails the step here. */
    BuildSpec plan(BuildStep step) {
        BuildCommand cmd;
        try {
            cmd = DockerBuildCommand.parse(step.build(), env(step.properties().env()));
        } catch (ScanException e) {
            throw new StepFailure(e.getMessage());
        }
        if (cmd.isRemoteContext()) {
            throw new StepFailure("remote build contexts (Git or tarball URLs) are not supported yet: "
                    + cmd.context());
        }
        List<String> tags = Tags.prefixRegistry(cmd.tags(), run.request.registry(), run.knownRegistries());
        String workdir = RunContext.workdir(step.properties());
        Path hostWorkdir = run.hostPath(workdir).orElseThrow(() -> new StepFailure(
                "build steps need a working directory under " + RunContext.WORKSPACE + ", not " + workdir));
        Path workspace = run.request.workspace().toAbsolutePath().normalize();
        Path context = hostWorkdir.resolve(cmd.context()).normalize();
        Path dockerfile = hostWorkdir.resolve(cmd.dockerfilePath()).normalize();
        if (!context.startsWith(workspace) || !dockerfile.startsWith(context)) {
            throw new StepFailure("the build context and its Dockerfile must be inside the workspace: "
                    + cmd.context() + ", " + cmd.dockerfilePath());
        }
        run.log.info("Scanning for dependencies...");
        Dependencies deps;
        try {
            deps = DockerfileScanner.scan(Files.readString(dockerfile), cmd.buildArgs(), cmd.target(),
                    cmd.platform());
        } catch (IOException e) {
            throw new StepFailure("failed to read Dockerfile " + cmd.dockerfilePath() + ": " + e.getMessage());
        } catch (ScanException e) {
            throw new StepFailure(e.getMessage());
        }
        run.report(step.id(), DependencyReport.of(tags, deps, run.request.gitHeadRevision()));
        run.log.info("Successfully scanned dependencies");
        return new BuildSpec(context, dockerfile, tags, cmd.buildArgs(), cmd.target(), cmd.platform(),
                cmd.noCache(), cmd.pull(), cmd.labels(), cmd.network(), run.request.logins());
    }

    /** One build attempt; a failed build ends like the docker CLI would, with exit status 1. */
    void attempt(BuildSpec spec, long deadlineNanos, Consumer<String> output) {
        try {
            Watchdog.within(deadlineNanos, () -> run.engine.buildImage(spec, output));
        } catch (EngineException e) {
            output.accept(e.getMessage());
            throw new StepFailure("exit status 1");
        }
    }

    private static Map<String, String> env(List<String> entries) {
        var env = new LinkedHashMap<String, String>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }
}
