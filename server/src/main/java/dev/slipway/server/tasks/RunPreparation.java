package dev.slipway.server.tasks;

import dev.slipway.runner.RunVariables;
import dev.slipway.runner.TaskRendering;
import dev.slipway.runner.TaskValues;
import dev.slipway.runner.exec.RegistryLogin;
import dev.slipway.runner.exec.RunRequest;
import dev.slipway.runner.exec.StepImages;
import dev.slipway.runner.scan.BuildCommand;
import dev.slipway.runner.scan.Dependencies;
import dev.slipway.runner.scan.DockerBuildCommand;
import dev.slipway.runner.scan.DockerfileScanner;
import dev.slipway.runner.scan.ImageReference;
import dev.slipway.runner.scan.Tags;
import dev.slipway.runner.spec.AliasSources;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.PushStep;
import dev.slipway.runner.spec.StepSpec;
import dev.slipway.runner.spec.TaskDefaults;
import dev.slipway.runner.spec.TaskSpecException;
import dev.slipway.server.tasks.context.Fetched;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a queued run into what the executor needs: the task text (generated for quick builds and {@code --cmd}, or
 * from the request or the context), rendered and validated with the run's variables, values and secrets, plus a
 * short-lived token for the run's own registry.
 */
final class RunPreparation {
    /** The token outlives the run by this much, so a push at the very end still authenticates. */
    static final Duration TOKEN_GRACE = Duration.ofMinutes(5);

    private final RunTokens tokens;
    private final Clock clock;
    private final TaskRendering.SecretResolver secrets;

    RunPreparation(RunTokens tokens, Clock clock, TaskRendering.SecretResolver secrets) {
        this.tokens = tokens;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** Secret values known before rendering: secret build args and set values. */
    static List<String> requestSecrets(QuickRequest q) {
        List<QuickRequest.SetValue> values = switch (q) {
            case QuickRequest.Build b -> b.args();
            case QuickRequest.Run r -> r.values();
        };
        return values.stream().filter(v -> v.secret() && v.value() != null && !v.value().isEmpty())
                .map(QuickRequest.SetValue::value).toList();
    }

    /** @throws TaskSpecException when the task does not render or validate (the run fails with that message) */
    RunRequest prepare(RunRecord run, QuickRequest q, Path workspace) throws IOException {
        return prepare(run, q, workspace, Fetched.NOTHING);
    }

    /** @param context what fetching the context learned: the Git commit and branch ({@code .Run.Commit/Branch}) */
    RunRequest prepare(RunRecord run, QuickRequest q, Path workspace, Fetched context) throws IOException {
        String name;
        String raw;
        Map<String, Object> values;
        switch (q) {
            case QuickRequest.Build b -> {
                name = "build";
                raw = QuickTasks.build(b);
                values = Map.of();
            }
            case QuickRequest.Run r -> {
                name = r.taskFilePath() == null ? "acb.yaml" : r.taskFilePath();
                raw = r.taskContent() != null ? r.taskContent() : read(workspace, r.taskFilePath(), "task file");
                String valuesFile = r.valuesContent() != null ? r.valuesContent()
                        : r.valuesFilePath() != null ? read(workspace, r.valuesFilePath(), "values file") : null;
                List<String> sets = r.values().stream().map(v -> v.name() + "=" + (v.value() == null ? "" : v.value())).toList();
                values = TaskValues.merge(valuesFile, sets);
            }
        }
        RunVariables vars = new RunVariables(run.id(), run.registry(), clock.instant(), q.os(), q.architecture(), context.commit(), context.branch(),
                run.task() == null ? "" : run.task(), "");
        TaskRendering.Result rendered = TaskRendering.prepare(name, raw, vars, values, secrets,
                aliasSources(workspace), TaskDefaults.NONE);
        Duration timeout = Duration.ofSeconds(q.timeout());
        Set<String> push = pushRepositories(rendered, run.registry());
        Set<String> pull = baseRepositories(rendered, run.registry(), workspace);
        String token = tokens.mint(run.id(), run.registry(), push, pull, timeout.plus(TOKEN_GRACE));
        List<String> masked = new ArrayList<>(requestSecrets(q));
        masked.addAll(TaskRendering.maskable(rendered));
        masked.add(token);
        return new RunRequest(run.id(), run.registry(), rendered.prepared(), workspace,
                List.of(RegistryLogin.token(run.registry(), token)), masked, timeout).withGitHeadRevision(context.gitHeadRevision());
    }

    /** Repositories of our registry that build steps tag and push steps push. */
    static Set<String> pushRepositories(TaskRendering.Result rendered, String registry) {
        Set<String> images = new LinkedHashSet<>();
        for (StepSpec step : rendered.prepared().spec().steps()) {
            switch (step) {
                case BuildStep b -> images.addAll(DockerBuildCommand.parse(b.build()).tags());
                case PushStep p -> images.addAll(p.images());
                default -> { }
            }
        }
        Set<String> repos = new LinkedHashSet<>();
        String prefix = registry + "/";
        for (String image : Tags.prefixRegistry(List.copyOf(images), registry, Set.of())) {
            if (image.regionMatches(true, 0, prefix, 0, prefix.length())) {
                repos.add(repository(image.substring(prefix.length())));
            }
        }
        return repos;
    }

    /**
     * Repositories of our registry the run pulls: the images cmd steps run, and what the build steps' Dockerfiles
     * start FROM (or COPY --from) when the Dockerfile is in the workspace and scans; anything else is left to the
     * executor to report.
     */
    static Set<String> baseRepositories(TaskRendering.Result rendered, String registry, Path workspace) {
        Set<String> repos = new LinkedHashSet<>();
        for (StepSpec step : rendered.prepared().spec().steps()) {
            if (step instanceof CmdStep c) {
                // the image a cmd step runs is pulled with the run's login too
                StepImages.cmdImage(c).map(ImageReference::parse).filter(i -> registry.equalsIgnoreCase(i.registry()))
                        .ifPresent(i -> repos.add(i.repository()));
                continue;
            }
            if (!(step instanceof BuildStep b)) {
                continue;
            }
            try {
                BuildCommand cmd = DockerBuildCommand.parse(b.build());
                Path file = cmd.isRemoteContext() ? null : inside(workspace, cmd.dockerfilePath());
                if (file == null || !Files.isRegularFile(file)) {
                    continue;
                }
                Dependencies deps = DockerfileScanner.scan(Files.readString(file), cmd.buildArgs(), cmd.target());
                List<ImageReference> images = new ArrayList<>(deps.buildtime());
                images.add(deps.runtime());
                for (ImageReference image : images) {
                    if (image != null && registry.equalsIgnoreCase(image.registry())) {
                        repos.add(image.repository());
                    }
                }
            } catch (Exception e) {
                // not scannable here: the run still starts, the executor reports the problem
            }
        }
        return repos;
    }

    /** {@code repo/name:tag@digest} → {@code repo/name}. */
    static String repository(String nameAndTag) {
        String s = nameAndTag;
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            s = s.substring(0, colon);
        }
        return s;
    }

    private static String read(Path workspace, String relative, String what) throws IOException {
        Path file = inside(workspace, relative);
        if (file == null || !Files.isRegularFile(file)) {
            throw new TaskSpecException("the " + what + " " + relative + " is not in the context");
        }
        return Files.readString(file);
    }

    /** Alias files ({@code alias: src:}) from the context; URLs are not fetched yet. */
    private static AliasSources aliasSources(Path workspace) {
        return source -> {
            Path file = inside(workspace, source);
            if (file == null) {
                throw new IllegalArgumentException("alias source " + source + " must be a file in the context");
            }
            return Files.readString(file);
        };
    }

    private static Path inside(Path workspace, String relative) throws IOException {
        if (relative.contains("://")) {
            return null;
        }
        Path root = workspace.toRealPath();
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || (Files.exists(p) && !p.toRealPath().startsWith(root))) {
            return null;
        }
        return p;
    }
}
