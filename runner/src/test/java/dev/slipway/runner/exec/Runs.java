package dev.slipway.runner.exec;

import dev.slipway.runner.RunVariables;
import dev.slipway.runner.TaskRendering;
import dev.slipway.runner.spec.AliasSources;
import dev.slipway.runner.spec.TaskDefaults;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test harness: renders a YAML fixture as the server will, runs it on a {@link FakeEngine}, keeps the log. */
final class Runs {
    static final String REGISTRY = "reg.example:5000";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T03:30:12Z"), ZoneOffset.UTC);

    final FakeEngine engine = new FakeEngine();
    final List<String> log = new CopyOnWriteArrayList<>();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final Cancellation cancellation = new Cancellation();
    final Path workspace;
    Duration timeout = Duration.ofMinutes(10);
    List<RegistryLogin> logins = new ArrayList<>();
    Map<String, String> secrets = Map.of();

    Runs(Path workspace) {
        this.workspace = workspace;
    }

    RunRequest request(String yaml) {
        var vars = new RunVariables("ca1", REGISTRY, CLOCK.instant(), "linux", "amd64", "", "", "task", "vol");
        TaskRendering.Result r = TaskRendering.prepare("acb.yaml", yaml, vars, Map.of(),
                s -> secrets.get(s.id()), AliasSources.NONE, TaskDefaults.NONE);
        return new RunRequest("ca1", REGISTRY, r.prepared(), workspace, logins, TaskRendering.maskable(r), timeout);
    }

    RunOutcome run(String yaml) {
        var executor = new RunExecutor(engine, CLOCK, sleeps::add);
        return executor.execute(request(yaml), log::add, cancellation);
    }

    /** Log lines containing {@code text}. */
    List<String> lines(String text) {
        return log.stream().filter(l -> l.contains(text)).toList();
    }

    StepResult step(RunOutcome outcome, String id) {
        return outcome.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    int index(String event) {
        int i = engine.events().indexOf(event);
        if (i < 0) {
            throw new AssertionError("no event " + event + " in " + engine.events());
        }
        return i;
    }
}
