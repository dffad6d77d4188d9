package dev.slipway.runner.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.runner.exec.FakeEngine.Script;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries, repeat, timeouts, start delay, cancellation and masking, through YAML fixtures. */
class StepPropertiesTest {
    @TempDir
    Path workspace;

    @Test
    void retriesAfterAFailureWaitingRetryDelay() {
        var runs = new Runs(workspace);
        runs.engine.script("flaky", Script.exit(1), Script.exit(1), Script.ok("finally"));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: t
                    cmd: flaky
                    retries: 3
                    retryDelay: 2
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        assertThat(runs.lines("Container failed during run: t, waiting 2 seconds before retrying..."))
                .hasSize(2);
        assertThat(runs.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(runs.engine.created()).hasSize(3);
        assertThat(runs.log).contains("t | finally");
    }

    @Test
    void failsWhenNoRetriesRemain() {
        var runs = new Runs(workspace);
        runs.engine.script("broken", Script.exit(3));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: t
                    cmd: broken
                    retries: 1
                """);

        assertThat(outcome.error()).isEqualTo("failed to run step ID: t: exit status 3");
        assertThat(runs.log).anyMatch(l -> l.endsWith("Container failed during run: t, waiting 5 seconds before retrying..."))
                .anyMatch(l -> l.endsWith("Container failed during run: t. No retries remaining."));
    }

    @Test
    void repeatRunsTheStepAgain() {
        var runs = new Runs(workspace);
        RunOutcome outcome = runs.run("""
                steps:
                  - id: r
                    cmd: quick
                    repeat: 2
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.SUCCEEDED);
        assertThat(runs.engine.created()).hasSize(3);
        assertThat(runs.lines("Launching container with name: ca1-r")).hasSize(3);
    }

    @Test
    void aStepOverItsTimeoutIsKilled() {
        var runs = new Runs(workspace);
        runs.engine.script("sleepy", Script.runs(Duration.ofMinutes(5)));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: s
                    cmd: sleepy
                    timeout: 1
                    retries: 2
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.error()).isEqualTo("failed to run step ID: s: timed out");
        assertThat(runs.engine.events()).contains("kill ca1-s");
        assertThat(runs.engine.created()).hasSize(1); // a timeout ends the step: no retry
    }

    @Test
    void theRunTimeoutKillsEverything() {
        var runs = new Runs(workspace);
        runs.timeout = Duration.ofMillis(500);
        runs.engine.script("sleepy", Script.runs(Duration.ofMinutes(5)));
        RunOutcome outcome = runs.run("""
                steps:
                  - id: a
                    cmd: sleepy
                    when: ["-"]
                  - id: b
                    cmd: sleepy
                    when: ["-"]
                  - id: c
                    cmd: quick
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.TIMEOUT);
        assertThat(runs.engine.events()).contains("kill ca1-a", "kill ca1-b").doesNotContain("create ca1-c");
        assertThat(runs.step(outcome, "c").status()).isEqualTo(StepResult.Status.SKIPPED);
    }

    @Test
    void cancellationStopsTheRun() throws Exception {
        var runs = new Runs(workspace);
        runs.engine.script("sleepy", Script.runs(Duration.ofMinutes(5)));
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            runs.cancellation.cancel();
        });
        long start = System.nanoTime();
        RunOutcome outcome = runs.run("""
                steps:
                  - id: a
                    cmd: sleepy
                  - id: b
                    cmd: quick
                """);

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.CANCELED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(runs.engine.events()).contains("kill ca1-a", "remove ca1-a").doesNotContain("create ca1-b");
    }

    @Test
    void startDelayWaitsBeforeTheStep() {
        var runs = new Runs(workspace);
        runs.run("""
                steps:
                  - id: d
                    cmd: quick
                    startDelay: 7
                """);

        assertThat(runs.log).containsSubsequence(
                "2026/12/02 03:30:12 Waiting 7 seconds before executing step ID: d",
                "2026/12/02 03:30:12 Executing step ID: d. Timeout(sec): 600, Working directory: '', Network: 'acb_default_network'");
        assertThat(runs.sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void secretsAndLoginPasswordsAreMaskedEverywhere() {
        var runs = new Runs(workspace);
        runs.secrets = Map.of("pw", "hunter2");
        runs.logins = List.of(RegistryLogin.password("other.example", "bob", "letmein"));
        runs.engine.script("leaky", Script.exit(1, "password=hunter2 and letmein"));
        RunOutcome outcome = runs.run("""
                secrets:
                  - id: pw
                    keyvault: https://vault.example/secrets/pw
                steps:
                  - id: leak
                    cmd: leaky {{.Secrets.pw}}
                    env: ["PW={{.Secrets.pw}}"]
                """);

        assertThat(runs.log).contains("leak | password=***** and *****")
                .noneMatch(l -> l.contains("hunter2") || l.contains("letmein"));
        assertThat(runs.engine.created().getFirst().env()).contains("PW=hunter2");
        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(runs.log).containsSubsequence("2026/12/02 03:30:12 Logging in to registry: other.example",
                "2026/12/02 03:30:12 Successfully logged into other.example");
    }

    @Test
    void aRejectedLoginFailsTheRunBeforeAnyStep() {
        var runs = new Runs(workspace);
        runs.logins = List.of(RegistryLogin.token(Runs.REGISTRY, "tok"));
        runs.engine.rejectLogin(Runs.REGISTRY);
        RunOutcome outcome = runs.run("steps:\n  - cmd: quick\n");

        assertThat(outcome.status()).isEqualTo(RunOutcome.Status.FAILED);
        assertThat(outcome.error()).startsWith("failed to login to registry: reg.example:5000: ");
        assertThat(outcome.steps()).extracting(StepResult::status).containsExactly(StepResult.Status.SKIPPED);
        assertThat(runs.engine.created()).isEmpty();
        assertThat(runs.engine.events()).contains("network remove ca1_acb_default_network");
    }
}
