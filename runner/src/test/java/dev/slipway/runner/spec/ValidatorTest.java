package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"all-properties.yaml", "when-parallel-dependent.yaml", "when-sequential-id.yaml",
            "when-sequential-default.yaml", "network-curl.yaml", "networks.yaml", "secrets.yaml",
            "mounts-multistep.yaml"})
    void fixturesAreValid(String fixture) {
        TaskSpec spec = TaskParser.parse(Fixtures.render().apply(Fixtures.read(fixture)));
        assertThatCode(() -> Validator.validate(spec)).doesNotThrowAnyException();
    }

    /** Each case: a task that breaks one rule, and the message acb (or, where marked, Slipway) gives. */
    static Stream<Arguments> brokenTasks() {
        return Stream.of(
                // secretmgmt/secret.go, graph/task.go
                broken("secrets:\n  - keyvault: https://v.vault.azure.net/secrets/s\n",
                        "secret is missing an ID as well as auto-generated ID"),
                broken("secrets:\n  - id: my secret\n    keyvault: https://v/secrets/s\n",
                        "failed to validate secret with ID: my secret: secret ID cannot contain spaces"),
                broken("secrets:\n  - id: s1\n",
                        "failed to validate secret with ID: s1: secret should contain either keyvault property for "
                                + "vault secret, or msi clientID/aadResourceId for msi authentication"),
                broken("secrets:\n  - id: s1\n    keyvault: https://v/secrets/s\n    clientID: not-a-guid\n",
                        "failed to validate secret with ID: s1: msi client ID is not a valid guid"),
                broken("secrets:\n  - id: s1\n    keyvault: https://v/secrets/a\n  - id: s1\n    keyvault: https://v/secrets/b\n",
                        "duplicate secret found with ID: s1"),
                // pkg/volume
                broken("volumes:\n  - secret: {a: b}\n", "volume name is empty"),
                broken("volumes:\n  - name: v1\n", "only type Source type Secret supported"),
                broken("volumes:\n  - name: bad/name\n    secret: {a: b}\n",
                        "volume name is not well formed. Only use alphanumeric and - _"),
                broken("volumes:\n  - name: v1\n    secret: {\"../etc/passwd\": b}\n",
                        "file name, ../etc/passwd, is not well formed. Only use alphanumeric and - _ ."),
                broken("volumes:\n  - name: v1\n    secret: {\"..\": b}\n",
                        "file name, .., is not well formed. Only use alphanumeric and - _ ."),
                broken("volumes:\n  - name: v1\n    secret: {a: b}\n  - name: v1\n    secret: {c: d}\n",
                        "volume with duplicate name found"),
                broken("steps:\n  - id: s\n    cmd: a\n    volumeMounts: [{name: nope, mountPath: /x}]\n",
                        "failed to validate step with ID: s: provided mount name does not correspond to a volume"),
                // Slipway's network guards
                broken("networks:\n  - driver: bridge\n", "failed to validate network: name must be specified"),
                broken("networks:\n  - name: n\n  - name: n\n", "network with duplicate name found: n"),
                // graph/step.go
                broken("steps:\n  - id: s\n    cmd: a\n    retries: -1\n",
                        "failed to validate step with ID: s: step must specify retries >= 0"),
                broken("steps:\n  - id: s\n    cmd: a\n    repeat: -1\n",
                        "failed to validate step with ID: s: step must specify repeat >= 0"),
                broken("steps:\n  - id: my step\n    cmd: a\n",
                        "failed to validate step with ID: my step: step ID cannot contain spaces"),
                broken(MOUNTABLE + "steps:\n  - id: s\n    build: .\n    volumeMounts: [{name: v, mountPath: /x}]\n",
                        "failed to validate step with ID: s: invalid use of Mounts. Mounts must have unique "
                                + "container paths and used for CMD steps"),
                broken(MOUNTABLE + "steps:\n  - id: s\n    cmd: a\n    volumeMounts: [{name: v}]\n",
                        "failed to validate step with ID: s: mount name or container file path is empty"),
                broken(MOUNTABLE + "steps:\n  - id: s\n    cmd: a\n    volumeMounts: [{name: v, mountPath: /x}, "
                                + "{name: v, mountPath: /x}]\n",
                        "failed to validate step with ID: s: mount with duplicate container file path found"),
                broken("steps:\n  - id: a\n    cmd: a\n  - id: s\n    cmd: b\n    when: [\"-\", a]\n",
                        "failed to validate step with ID: s: step cannot contain other IDs in when if the "
                                + "immediate execution token is specified"),
                broken("steps:\n  - id: s\n    cmd: a\n    when: [s]\n",
                        "failed to validate step with ID: s: Step ID: s is self-referenced"),
                broken("steps:\n  - id: s\n    build: .\n    cache: sometimes\n",
                        "failed to validate step with ID: s: invalid value for cache property. Valid values are "
                                + "'enabled', 'disabled'"),
                // graph/dag.go
                broken("steps:\n  - id: acb_root\n    cmd: a\n",
                        "failed to validate step with ID: acb_root: acb_root is a reserved ID, it can't be used"),
                broken("steps:\n  - id: s\n    cmd: a\n  - id: s\n    cmd: b\n",
                        "failed to validate step with ID: s: s already exists as a vertex"),
                broken("steps:\n  - id: s\n    cmd: a\n    when: [later]\n  - id: later\n    cmd: b\n",
                        "failed to validate step with ID: s: later does not exist as a vertex [from: later, to: s]"),
                broken("steps:\n  - id: s\n    cmd: a\n    when: [ghost]\n",
                        "failed to validate step with ID: s: ghost does not exist as a vertex [from: ghost, to: s]"),
                broken("steps:\n  - id: s\n    cmd: a\n    when: [\"\"]\n",
                        "failed to validate step with ID: s: from cannot be empty"));
    }

    private static final String MOUNTABLE = "volumes:\n  - name: v\n    secret: {f: Zg==}\n";

    private static Arguments broken(String yaml, String message) {
        return Arguments.of(yaml, message);
    }

    @ParameterizedTest
    @MethodSource("brokenTasks")
    void reportsTheBrokenRule(String yaml, String message) {
        TaskSpec spec = TaskParser.parse(yaml);
        assertThatThrownBy(() -> Validator.validate(spec)).isInstanceOf(TaskSpecException.class).hasMessage(message);
    }

    @Test
    void theFirstBrokenStepInFileOrderWinsAsInAcb() {
        // acb validates a step, then adds its edges, then moves on: the bad edge of step 0 is found first.
        TaskSpec spec = TaskParser.parse("steps:\n  - id: a\n    cmd: x\n    when: [z]\n  - id: b\n    cmd: y\n"
                + "    retries: -1\n");
        assertThatThrownBy(() -> Validator.validate(spec))
                .hasMessage("failed to validate step with ID: a: z does not exist as a vertex [from: z, to: a]");
    }

    @Test
    void guardsSpecsBuiltInCode() {
        var noId = spec(new CmdStep(StepProperties.builder("").build(), "a"));
        assertThatThrownBy(() -> Validator.validate(noId)).hasMessage("step is missing an ID");

        var zeroTimeout = spec(new CmdStep(StepProperties.builder("s").timeout(0).build(), "a"));
        assertThatThrownBy(() -> Validator.validate(zeroTimeout))
                .hasMessage("failed to validate step with ID: s: step must specify timeout > 0");

        var negativeDelay = spec(new CmdStep(StepProperties.builder("s").startDelay(-1).build(), "a"));
        assertThatThrownBy(() -> Validator.validate(negativeDelay))
                .hasMessage("failed to validate step with ID: s: step must specify startDelay >= 0 and retryDelay >= 0");

        var emptyPush = spec(new PushStep(StepProperties.builder("s").build(), List.of()));
        assertThatThrownBy(() -> Validator.validate(emptyPush))
                .hasMessage("failed to validate step with ID: s: step is missing a cmd, build, or push property");

        var badVersion = new TaskSpec("v9", 600, Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                List.of());
        assertThatThrownBy(() -> Validator.validate(badVersion))
                .hasMessage("invalid version specified: \"v9\", the current version is \"v1.0.0\"");

        var noStepTimeout = new TaskSpec("v1.0.0", 0, Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                List.of());
        assertThatThrownBy(() -> Validator.validate(noStepTimeout)).hasMessage("task must specify stepTimeout > 0");
    }

    @Test
    void acceptsWhatAcbAccepts() {
        // acb_root in when is the root itself; cache is case-insensitive; mounts on cmd steps with a volume.
        TaskSpec spec = TaskParser.parse(MOUNTABLE + """
                steps:
                  - id: a
                    cmd: x
                    when: [acb_root]
                  - id: b
                    build: .
                    cache: DISABLED
                  - id: c
                    cmd: y
                    volumeMounts: [{name: v, mountPath: /m}]
                """);
        assertThatCode(() -> Validator.validate(spec)).doesNotThrowAnyException();
        var volume = new VolumeSpec("ok_name-1", Map.of("file.txt", "eA=="));
        var withVolume = new TaskSpec("v1.1.0", 600, Optional.empty(), List.of(), List.of(), List.of(),
                List.of(volume), List.of());
        assertThatCode(() -> Validator.validate(withVolume)).doesNotThrowAnyException();
    }

    private static TaskSpec spec(StepSpec step) {
        return new TaskSpec("v1.0.0", 600, Optional.empty(), List.of(), List.of(), List.of(), List.of(),
                List.of(step));
    }
}
