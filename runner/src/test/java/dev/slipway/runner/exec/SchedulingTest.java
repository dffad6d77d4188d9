package dev.slipway.runner.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.runner.exec.FakeEngine.Script;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DAG walk: order, concurrency, failure, ignoreErrors, and the acb log lines around each step. */
class SchedulingTest {
    @TempDir
    Path workspace;

    @Test
    void stepsRunOneAfterAnotherByDefault() {
        var runs = new Runs(workspace);
        runs.engine.script("slow", new Script(0, Duration.ofMillis(200), java.util.List.of("hello")));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: a
                    cmd: slow
                  - id: b
                    cmd: quick echo b
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        assertThat(outcome.error()).isNull();
        assertThat(runs.index("exit ca1-a 0")).isLessThan(runs.index("start ca1-b"));
        assertThat(runs.log).containsSubsequence(
                "2026/12/02 03:30:12 Creating Docker network: acb_default_network, driver: 'bridge'",
                "2026/12/02 03:30:12 Successfully set up Docker network: acb_default_network",
                "2026/12/02 03:30:12 Executing step ID: a. Timeout(sec): 600, Working directory: '', Network: 'acb_default_network'",
                "2026/12/02 03:30:12 Launching container with name: ca1-a",
                "a | hello",
                "2026/12/02 03:30:12 Successfully executed container: ca1-a",
                "2026/12/02 03:30:12 Executing step ID: b. Timeout(sec): 600, Working directory: '', Network: 'acb_default_network'");
        assertThat(runs.lines("Step ID: a marked as successful (elapsed time in seconds: ")).hasSize(1);
        assertThat(runs.lines("Step ID: a marked as successful").getFirst())
                .matches(".* \\(elapsed time in seconds: \\d+\\.\\d{6}\\)");
        assertThat(outcome.steps()).extracting(StepResult::status)
                .containsExactly(StepResult.Status.SUCCESSFUL, StepResult.Status.SUCCESSFUL);
        // the run's own network, removed at the end with the containers
        assertThat(runs.engine.events()).contains("network create ca1_acb_default_network", "remove ca1-a",
                "network remove ca1_acb_default_network");
        assertThat(runs.engine.events().getLast()).isEqualTo("network remove ca1_acb_default_network");
    }

    @Test
    void immediateStepsRunInParallelAndWhenWaitsForAll() {
        var runs = new Runs(workspace);
        runs.engine.script("slow", Script.runs(Duration.ofMillis(300)));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: a
                    cmd: slow
                    when: ["-"]
                  - id: b
                    cmd: slow
                    when: ["-"]
                  - id: c
                    cmd: quick
                    when: [a, b]
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        int firstExit = Math.min(runs.index("exit ca1-a 0"), runs.index("exit ca1-b 0"));
        assertThat(runs.index("start ca1-a")).isLessThan(firstExit);
        assertThat(runs.index("start ca1-b")).isLessThan(firstExit);
        assertThat(runs.index("start ca1-c")).isGreaterThan(runs.index("exit ca1-a 0"))
                .isGreaterThan(runs.index("exit ca1-b 0"));
        // steps reach each other by id on the run's network
        ContainerSpec a = runs.engine.created().stream().filter(c -> c.name().equals("ca1-a")).findFirst().orElseThrow(); // a and b start in either order
        assertThat(a.network()).isEqualTo("ca1_acb_default_network");
        assertThat(a.aliases()).containsExactly("a");
    }

    @Test
    void aFailingStepSkipsItsDependantsAndKillsADetachedOne() {
        var runs = new Runs(workspace);
        runs.engine.script("server", Script.runs(Duration.ofMinutes(5)));
        runs.engine.script("failing", new Script(1, Duration.ofMillis(100), java.util.List.of("boom")));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: db
                    cmd: server
                    detach: true
                  - id: test
                    cmd: failing
                  - id: after
                    cmd: quick
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.error()).isEqualTo("failed to run step ID: test: exit status 1");
        assertThat(runs.step(outcome, "db").status()).isEqualTo(StepResult.Status.SUCCESSFUL);
        assertThat(runs.step(outcome, "test").status()).isEqualTo(StepResult.Status.FAILED);
        assertThat(runs.step(outcome, "test").error()).isEqualTo("exit status 1");
        StepResult after = runs.step(outcome, "after");
        assertThat(after.status()).isEqualTo(StepResult.Status.SKIPPED);
        assertThat(after.start()).isNull();
        assertThat(runs.engine.events()).contains("kill ca1-db", "remove ca1-db").doesNotContain("create ca1-after");
        assertThat(runs.lines("Step ID: test marked as failed")).hasSize(1);
        assertThat(runs.log).contains("test | boom");
    }

    @Test
    void ignoreErrorsLetsDependantsRun() {
        var runs = new Runs(workspace);
        runs.engine.script("failing", Script.exit(2));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: lint
                    cmd: failing
                    ignoreErrors: true
                  - id: build
                    cmd: quick
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        assertThat(runs.step(outcome, "lint").status()).isEqualTo(StepResult.Status.FAILED);
        assertThat(runs.step(outcome, "lint").error()).isEqualTo("exit status 2");
        assertThat(runs.step(outcome, "build").status()).isEqualTo(StepResult.Status.SUCCESSFUL);
    }

    @Test
    void aDependantOfARunningStepNeverStartsAfterAnotherFails() {
        var runs = new Runs(workspace);
        runs.engine.script("slow", Script.runs(Duration.ofMinutes(5)));
        runs.engine.script("failing", new Script(1, Duration.ofMillis(100), java.util.List.of()));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: long
                    cmd: slow
                    when: ["-"]
                  - id: bad
                    cmd: failing
                    when: ["-"]
                  - id: next
                    cmd: quick
                    when: [long]
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.error()).isEqualTo("failed to run step ID: bad: exit status 1");
        assertThat(runs.engine.events()).contains("kill ca1-long").doesNotContain("create ca1-next");
        assertThat(runs.step(outcome, "long").status()).isEqualTo(StepResult.Status.IN_PROGRESS);
        assertThat(runs.step(outcome, "long").end()).isNull();
        assertThat(runs.step(outcome, "next").status()).isEqualTo(StepResult.Status.SKIPPED);
    }
}
