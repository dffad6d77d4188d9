package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskParserTest {

    @Test
    void readsEveryStepPropertyAndAppliesAcbDefaults() {
        TaskSpec spec = TaskParser.parse(Fixtures.read("all-properties.yaml"));

        assertThat(spec.version()).isEqualTo("v1.0.0");
        assertThat(spec.stepTimeout()).isEqualTo(900);
        assertThat(spec.env()).containsExactly("MODE=task");
        assertThat(spec.steps()).extracting(StepSpec::id)
                .containsExactly("fetch", "compile-api", "lint", "compile-cli", "report", "compile-web", "image");

        var fetch = (CmdStep) spec.steps().get(0);
        assertThat(fetch.cmd()).isEqualTo("example/tools/fetcher sync --all");
        StepProperties p = fetch.properties();
        assertThat(p.entryPoint()).contains("/bin/fetch");
        // The step's MODE wins over the task's; the task adds what the step lacks.
        assertThat(p.env()).containsExactly("LEVEL=debug", "MODE=step");
        assertThat(p.exitedWithout()).containsExactly(0, 255);
        assertThat(p.workingDirectory()).contains("src");
        assertThat(p.retries()).isEqualTo(3);
        assertThat(p.retryDelay()).isEqualTo(30);
        assertThat(p.retryOnErrors()).containsExactly("connection reset");
        assertThat(p.pull()).isTrue();
        assertThat(p.timeout()).isEqualTo(900);
        assertThat(p.network()).contains(NetworkSpec.DEFAULT_NAME);
        assertThat(p.when()).isEmpty();

        StepProperties api = spec.steps().get(1).properties();
        assertThat(api.startsImmediately()).isTrue();
        assertThat(api.detach()).isTrue();
        assertThat(api.startDelay()).isEqualTo(20);
        assertThat(api.retryDelay()).isEqualTo(TaskParser.DEFAULT_RETRY_DELAY);
        assertThat(api.env()).containsExactly("MODE=task");

        StepProperties lint = spec.steps().get(2).properties();
        assertThat(lint.ports()).containsExactly("9000:9000", "9090:9090");
        assertThat(lint.expose()).containsExactly("90", "91");
        assertThat(lint.exitedWith()).containsExactly(0, 1, 2);
        assertThat(lint.keep()).isTrue();
        assertThat(lint.isolation()).contains("default");

        StepProperties report = spec.steps().get(4).properties();
        assertThat(report.when()).containsExactly("lint");
        assertThat(report.ignoreErrors()).isTrue();
        assertThat(report.disableWorkingDirectoryOverride()).isTrue();

        assertThat(spec.steps().get(5).properties().env()).containsExactly("LEVEL=info", "MODE=task");

        var image = (BuildStep) spec.steps().get(6);
        assertThat(image.build()).isEqualTo("-t example/app:dev -f Dockerfile .");
        assertThat(image.cacheEnabled()).isTrue();
        assertThat(image.properties().privileged()).isTrue();
        assertThat(image.properties().user()).contains("builder");
        assertThat(image.properties().network()).contains("host");
        assertThat(image.properties().repeat()).isEqualTo(1);
        assertThat(image.timeout()).isEqualTo(120);

        assertThat(spec.networks()).containsExactly(
                new NetworkSpec(NetworkSpec.DEFAULT_NAME, Optional.of("bridge"), false, false, true));
    }

    @Test
    void defaultsIdsTimeoutsAndVersionForABareTask() {
        TaskSpec spec = TaskParser.parse(Fixtures.read("when-sequential-default.yaml").replace("version: v1.0.0\n", ""));
        assertThat(spec.version()).isEqualTo("v1.0.0");
        assertThat(spec.stepTimeout()).isEqualTo(600);
        assertThat(spec.steps()).extracting(StepSpec::id).containsExactly("acb_step_0", "acb_step_1", "acb_step_2");
        assertThat(spec.steps()).allSatisfy(s -> {
            assertThat(s.timeout()).isEqualTo(600);
            assertThat(s.properties().retryDelay()).isEqualTo(5);
        });
    }

    @Test
    void defaultIdsCountEveryStepIncludingNamedOnes() {
        TaskSpec spec = Fixtures.parse("steps:\n  - cmd: a\n  - id: named\n    cmd: b\n  - cmd: c\n");
        assertThat(spec.steps()).extracting(StepSpec::id).containsExactly("acb_step_0", "named", "acb_step_2");
    }

    @Test
    void nonPositiveTimeoutsAndRetryDelaysFallBackToDefaultsAsInAcb() {
        TaskSpec spec = Fixtures.parse("stepTimeout: -1\nsteps:\n  - cmd: a\n    timeout: -5\n    retryDelay: -2\n");
        assertThat(spec.stepTimeout()).isEqualTo(600);
        assertThat(spec.steps().getFirst().timeout()).isEqualTo(600);
        assertThat(spec.steps().getFirst().properties().retryDelay()).isEqualTo(5);
    }

    @Test
    void taskWorkingDirectoryAndAgentDefaults() {
        var defaults = new TaskDefaults(Optional.of("/workspace"), List.of("HOME_REGION=west,TZ=UTC", "MODE=agent"),
                Optional.empty());
        TaskSpec spec = TaskParser.parse("env: [MODE=task]\nsteps:\n  - cmd: a\n  - cmd: b\n    workingDirectory: sub\n",
                defaults, new ArrayList<>());
        assertThat(spec.workingDirectory()).contains("/workspace");
        assertThat(spec.env()).containsExactly("MODE=task", "HOME_REGION=west", "TZ=UTC");
        assertThat(spec.steps().get(0).properties().workingDirectory()).contains("/workspace");
        assertThat(spec.steps().get(1).properties().workingDirectory()).contains("sub");

        TaskSpec own = TaskParser.parse("workingDirectory: /src\nsteps:\n  - cmd: a\n", defaults, new ArrayList<>());
        assertThat(own.steps().getFirst().properties().workingDirectory()).contains("/src");
    }

    @Test
    void taskEnvEntriesAreSplitOnCommas() {
        TaskSpec spec = Fixtures.parse("env: [\"A=1,B=2\", \"C=3\"]\nsteps:\n  - cmd: x\n    env: [B=9, D=4]\n");
        assertThat(spec.steps().getFirst().properties().env()).containsExactly("B=9", "D=4", "A=1", "C=3");
    }

    @Test
    void malformedEnvEntriesUseAcbMessages() {
        assertThatThrownBy(() -> Fixtures.parse("env: [A=1]\nsteps:\n  - cmd: x\n    env: [NOEQUALS]\n"))
                .hasMessage("failed to merge task and step environment variables: "
                        + "cannot parse step environment variable NOEQUALS correctly");
        assertThatThrownBy(() -> Fixtures.parse("env: [\"A=1,B\"]\nsteps:\n  - cmd: x\n"))
                .hasMessage("failed to merge task and step environment variables: "
                        + "cannot parse task environment variable B correctly");
        // As in acb, nothing is checked while the task has no env of its own.
        assertThat(Fixtures.parse("steps:\n  - cmd: x\n    env: [NOEQUALS]\n").steps().getFirst()
                .properties().env()).containsExactly("NOEQUALS");
    }

    @Test
    void theLastDefaultNetworkIsEveryStepsNetwork() {
        TaskSpec spec = TaskParser.parse(Fixtures.read("networks.yaml"));
        assertThat(spec.networks()).containsExactly(
                new NetworkSpec("backend", Optional.of("bridge"), true, false, false),
                new NetworkSpec("shared", Optional.empty(), false, true, true),
                new NetworkSpec("frontend", Optional.empty(), false, false, false));
        assertThat(spec.steps().get(0).properties().network()).contains("shared");
        assertThat(spec.steps().get(1).properties().network()).contains("frontend");
    }

    @Test
    void declaredNetworksWithoutADefaultLeaveStepsWithoutNetwork() {
        TaskSpec spec = Fixtures.parse("networks:\n  - name: n1\nsteps:\n  - cmd: a\n");
        assertThat(spec.networks()).extracting(NetworkSpec::name).containsExactly("n1");
        assertThat(spec.steps().getFirst().properties().network()).isEmpty();
    }

    @Test
    void theAgentsNetworkIsAnExternalDefault() {
        var defaults = new TaskDefaults(Optional.empty(), List.of(), Optional.of("agentnet"));
        TaskSpec spec = TaskParser.parse("steps:\n  - cmd: a\n", defaults, new ArrayList<>());
        assertThat(spec.networks()).containsExactly(
                new NetworkSpec("agentnet", Optional.of("external"), false, true, true));
        assertThat(spec.steps().getFirst().properties().network()).contains("agentnet");
    }

    @Test
    void pushTakesInlineOrNestedListsAndNormalisesImages() {
        TaskSpec spec = Fixtures.parse("""
                steps:
                  - push: ["reg.io/app", "reg.io/app:latest", "reg.io/app:v1", "reg.io/app@sha256:abc"]
                  - push:
                    - other
                    - other
                """);
        assertThat(((PushStep) spec.steps().get(0)).images())
                .containsExactly("reg.io/app:latest", "reg.io/app:v1", "reg.io/app@sha256:abc");
        assertThat(((PushStep) spec.steps().get(1)).images()).containsExactly("other:latest");
    }

    @Test
    void secretsAndVolumesAreRead() {
        TaskSpec spec = TaskParser.parse(Fixtures.read("secrets.yaml"));
        assertThat(spec.secrets()).containsExactly(
                SecretSpec.keyvault("username", "https://examplevault.vault.azure.net/secrets/user"),
                new SecretSpec("password", Optional.of("https://examplevault.vault.azure.net/secrets/pass/0123456789abcdef"),
                        Optional.of("c72b2df0-b9d8-4ac6-9363-7c1eb06c1c86")));

        TaskSpec mounts = TaskParser.parse(Fixtures.read("mounts-multistep.yaml"));
        assertThat(mounts.volumes()).containsExactly(new VolumeSpec("first", Map.of("one.txt", "b25l")),
                new VolumeSpec("second", Map.of("two.txt", "dHdv")));
        assertThat(mounts.steps().get(1).properties().volumeMounts())
                .containsExactly(new VolumeMount("first", "/mnt/a"), new VolumeMount("second", "/mnt/b"));
    }

    @Test
    void unknownKeysAreIgnoredAsInAcbButReported() {
        var warnings = new ArrayList<String>();
        TaskSpec spec = TaskParser.parse("""
                totalTimeout: 900
                steps:
                  - cmd: a
                    retry: 3
                """, TaskDefaults.NONE, warnings);
        assertThat(spec.steps()).hasSize(1);
        assertThat(warnings).containsExactlyInAnyOrder("line 1: ignoring unknown key \"totalTimeout\"",
                "line 4: ignoring unknown key \"retry\" in steps[0]");
    }

    @Test
    void scalarsDecodeLikeYamlV2() {
        TaskSpec spec = Fixtures.parse("""
                steps:
                  - id: 42
                    cmd: yes
                    retries: 0x3
                    repeat: 2.0
                    detach: on
                    keep: y
                    privileged: ~
                    user:
                """);
        StepSpec step = spec.steps().getFirst();
        assertThat(step.id()).isEqualTo("42");
        assertThat(((CmdStep) step).cmd()).isEqualTo("yes");
        assertThat(step.properties().retries()).isEqualTo(3);
        assertThat(step.properties().repeat()).isEqualTo(2);
        assertThat(step.properties().detach()).isTrue();
        assertThat(step.properties().keep()).isTrue();
        assertThat(step.properties().privileged()).isFalse();
        assertThat(step.properties().user()).isEmpty();
    }

    @Test
    void typeErrorsNameTheLineAndTheField() {
        assertThatThrownBy(() -> Fixtures.parse("steps:\n  - cmd: a\n    retries: many\n"))
                .isInstanceOf(TaskSpecException.class)
                .hasMessage("yaml: line 3: cannot unmarshal !!str `many` into int (steps[0].retries)");
        assertThatThrownBy(() -> Fixtures.parse("steps:\n  - push: reg.io/app\n"))
                .hasMessage("yaml: line 2: cannot unmarshal !!str `reg.io/app` into []string (steps[0].push)");
        assertThatThrownBy(() -> Fixtures.parse("steps:\n  - cmd: {a: b}\n"))
                .hasMessage("yaml: line 2: cannot unmarshal !!map into string (steps[0].cmd)");
        assertThatThrownBy(() -> Fixtures.parse("- cmd: a\n"))
                .hasMessage("yaml: line 1: cannot unmarshal !!seq into graph.Task");
        assertThatThrownBy(() -> Fixtures.parse("steps:\n  - cmd: a\n    detach: maybe\n"))
                .hasMessage("yaml: line 3: cannot unmarshal !!str `maybe` into bool (steps[0].detach)");
    }

    @Test
    void syntaxErrorsAndDuplicateKeysAreReported() {
        assertThatThrownBy(() -> Fixtures.parse("steps:\n  - cmd: a: b\n"))
                .isInstanceOf(TaskSpecException.class)
                .hasMessageStartingWith("yaml: line 2: mapping values are not allowed here");
        assertThatThrownBy(() -> Fixtures.parse("steps:\n  - cmd: a\n    cmd: b\n"))
                .hasMessage("yaml: line 3: key \"cmd\" already set in map");
    }

    @Test
    void anEmptyDocumentIsATaskWithoutSteps() {
        TaskSpec spec = Fixtures.parse("");
        assertThat(spec.steps()).isEmpty();
        assertThat(spec.version()).isEqualTo("v1.0.0");
        assertThat(Fixtures.parse("secrets:\nsteps:\n").steps()).isEmpty();
    }

    @Test
    void versionsAreCheckedCaseInsensitively() {
        assertThat(Fixtures.parse("version: V1.1.0\n").version()).isEqualTo("V1.1.0");
        assertThat(Fixtures.parse("version: 1.0-preview-1\n").version()).isEqualTo("1.0-preview-1");
        assertThatThrownBy(() -> Fixtures.parse("version: v2.0.0\n"))
                .hasMessage("invalid version specified: \"v2.0.0\", the current version is \"v1.0.0\"");
    }

    @Test
    void aStepNeedsExactlyOneKind() {
        assertThatThrownBy(() -> Fixtures.parse("steps:\n  - id: both\n    cmd: a\n    build: .\n"))
                .isInstanceOfSatisfying(TaskSpecException.class, e -> {
                    assertThat(e.stepId()).contains("both");
                    assertThat(e.reason()).isEqualTo("step must only contain a single build, cmd, or push property");
                })
                .hasMessage("failed to validate step with ID: both: "
                        + "step must only contain a single build, cmd, or push property");
        assertThatThrownBy(() -> Fixtures.parse("steps:\n  - cmd: a\n  - when: [\"-\"]\n"))
                .hasMessage("failed to validate step with ID: acb_step_1: "
                        + "step is missing a cmd, build, or push property");
        // Empty strings and lists count as absent, as in graph.Step.
        assertThat(Fixtures.parse("steps:\n  - cmd: \"\"\n    push: []\n    build: .\n").steps().getFirst())
                .isInstanceOf(BuildStep.class);
    }

    @Test
    void anchorsOnMappingsAndSequencesCanBeReused() {
        TaskSpec spec = Fixtures.parse("""
                steps:
                  - cmd: a
                    env: &common [A=1, B=2]
                  - cmd: b
                    env: *common
                """);
        assertThat(spec.steps().get(1).properties().env()).containsExactly("A=1", "B=2");
    }
}
