package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TaskFileTest {

    private static TaskFile.Prepared prepare(String fixture) {
        return TaskFile.prepare(Fixtures.read(fixture), AliasSources.NONE, Fixtures.render());
    }

    @Test
    void buildThenPush() {
        TaskFile.Prepared task = prepare("build-push-hello-world.yaml");
        assertThat(task.spec().steps()).containsExactly(
                new BuildStep(defaults("acb_step_0").build(),
                        "-t reg.example.io/greeter:ca1 -f greeter.dockerfile ."),
                new PushStep(defaults("acb_step_1").build(), List.of("reg.example.io/greeter:ca1")));
        assertThat(task.dag().roots()).containsExactly("acb_step_0");
        assertThat(task.dag().dependencies("acb_step_1")).containsExactly("acb_step_0");
        assertThat(task.notes()).isEmpty();
    }

    @Test
    void buildPushThenRunTheImage() {
        TaskFile.Prepared task = prepare("build-run-hello-world.yaml");
        assertThat(task.spec().steps()).hasSize(3);
        assertThat(((BuildStep) task.spec().steps().get(0)).build())
                .isEqualTo("-t reg.example.io/greeter:ca1  -f greeter.dockerfile .");
        assertThat(((CmdStep) task.spec().steps().get(2)).cmd()).isEqualTo("reg.example.io/greeter:ca1");
        assertThat(task.dag().ready(Set.of("acb_step_0", "acb_step_1"))).containsExactly("acb_step_2");
    }

    @Test
    void secretVolumesMountedIntoACmdStep() {
        TaskFile.Prepared task = TaskFile.prepare(Fixtures.read("mounts-secrets.yaml"), AliasSources.NONE,
                Fixtures.render(Map.of("{{.Secrets.dbPassword | b64enc}}", "czNjcjN0",
                        "{{\"a plain value\" | b64enc}}", "YSBwbGFpbiB2YWx1ZQ==")));
        TaskSpec spec = task.spec();
        assertThat(spec.secrets()).containsExactly(
                SecretSpec.keyvault("dbPassword", "https://examplevault.vault.azure.net/secrets/DbPassword"));
        assertThat(spec.volumes()).containsExactly(new VolumeSpec("appsecrets",
                Map.of("password", "czNjcjN0", "token", "YSBwbGFpbiB2YWx1ZQ==")));
        var step = (CmdStep) spec.steps().getFirst();
        assertThat(step.properties().volumeMounts()).containsExactly(new VolumeMount("appsecrets", "/run/secrets"));
        // No version line: aliases are off, so "bash" stays Docker Hub's bash, as on ACR.
        assertThat(step.cmd()).isEqualTo("bash cat /run/secrets/password /run/secrets/token");
    }

    @Test
    void detachedServiceAndHostNetworkSteps() {
        TaskSpec spec = prepare("network-curl.yaml").spec();
        StepProperties web = spec.steps().get(0).properties();
        assertThat(web.detach()).isTrue();
        assertThat(web.ports()).containsExactly("8000:80");
        assertThat(web.network()).contains(NetworkSpec.DEFAULT_NAME);
        assertThat(spec.steps().subList(1, 3)).allSatisfy(s -> assertThat(s.properties().network()).contains("host"));
        assertThat(spec.networks()).extracting(NetworkSpec::name).containsExactly(NetworkSpec.DEFAULT_NAME);
    }

    @Test
    void parallelStepsWithAliases() {
        TaskFile.Prepared task = prepare("when-parallel.yaml");
        assertThat(((BuildStep) task.spec().steps().getFirst()).build())
                .isEqualTo("-t reg.example.io/app:ca1 -f app.dockerfile .");
        assertThat(task.dag().roots()).containsExactly("build-app", "build-app-tests");
        assertThat(task.notes()).containsExactly(Aliases.ENABLED_NOTE);
    }

    @Test
    void imageAliasesApplyFromV110() {
        TaskSpec v110 = prepare("when-sequential-id.yaml").spec();
        assertThat(((CmdStep) v110.steps().getFirst()).cmd()).isEqualTo(Aliases.IMAGES.get("bash") + " echo first");
        TaskSpec v100 = prepare("when-sequential-default.yaml").spec();
        assertThat(((CmdStep) v100.steps().getFirst()).cmd()).isEqualTo("bash echo first");
    }

    @Test
    void customAliasesFromValuesAndFiles() {
        AliasSources files = AliasSources.of(Map.of(
                "https://aliases.example/team.yaml", Fixtures.read("aliases/team.yaml"),
                "./aliases/local.yaml", Fixtures.read("aliases/local.yaml")));
        TaskFile.Prepared task = TaskFile.prepare(Fixtures.read("aliases/values-and-src.yaml"), files,
                Fixtures.render(Map.of("{{.Values.tag}}", "v7")));
        List<StepSpec> steps = task.spec().steps();
        assertThat(((BuildStep) steps.get(0)).build()).isEqualTo("-t reg.example.io/team/app:v7 -f Dockerfile .");
        assertThat(((CmdStep) steps.get(1)).cmd()).isEqualTo("example.io/tools/builder:1.2 make debug");
        assertThat(((CmdStep) steps.get(2)).cmd())
                .isEqualTo(Aliases.IMAGES.get("bash") + " echo built team/app at 20240102-030405z on linux/amd64");
        assertThat(((PushStep) steps.get(3)).images()).containsExactly("reg.example.io/team/app:v7");
        assertThat(task.spec().stepTimeout()).isEqualTo(300);
    }

    @Test
    void commentsReachTheTemplateEngineOnlyWithoutAliases() {
        var seen = new ArrayList<String>();
        Function<String, String> render = text -> {
            seen.add(text);
            return text;
        };
        TaskFile.prepare("version: v1.0.0\n# {{ kept for the engine }}\nsteps:\n  - cmd: a\n", AliasSources.NONE, render);
        TaskFile.prepare("version: v1.1.0\n# {{ dropped }}\nsteps:\n  - cmd: a\n", AliasSources.NONE, render);
        assertThat(seen.get(0)).contains("# {{ kept for the engine }}");
        assertThat(seen.get(1)).isEqualTo("version: v1.1.0\nsteps:\n  - cmd: a\n");
    }

    @Test
    void agentDefaultsAndAnotherImageMap() {
        var defaults = new TaskDefaults(Optional.of("/workspace"), List.of("CI=true"), Optional.empty());
        TaskFile.Prepared task = TaskFile.prepare("version: v1.1.0\nsteps:\n  - cmd: bash true\n", AliasSources.NONE,
                Fixtures.render(), defaults, Aliases.withImages(Map.of("bash", "mirror.local/bash:5")));
        StepSpec step = task.spec().steps().getFirst();
        assertThat(((CmdStep) step).cmd()).isEqualTo("mirror.local/bash:5 true");
        assertThat(step.properties().workingDirectory()).contains("/workspace");
        assertThat(step.properties().env()).containsExactly("CI=true");
    }

    @Test
    void unknownKeysBecomeNotes() {
        TaskFile.Prepared task = TaskFile.prepare("stepTimeout: 60\ntotalTimeout: 900\nsteps:\n  - cmd: a\n",
                AliasSources.NONE, Fixtures.render());
        assertThat(task.notes()).containsExactly("line 2: ignoring unknown key \"totalTimeout\"");
    }

    @Test
    void failuresOfEveryStageSurface() {
        assertThatThrownBy(() -> TaskFile.prepare("steps: []\n", AliasSources.NONE, text -> ""))
                .isInstanceOf(TaskSpecException.class).hasMessage("rendered template was empty");
        assertThatThrownBy(() -> TaskFile.prepare("version: v1.1.0\nalias:\n  directive: ab\n", AliasSources.NONE,
                Fixtures.render())).hasMessage("$ directive can only be overwritten by a single character");
        assertThatThrownBy(() -> TaskFile.prepare("steps:\n  - cmd: a\n    when: [b]\n", AliasSources.NONE,
                Fixtures.render()))
                .hasMessage("failed to validate step with ID: acb_step_0: b does not exist as a vertex "
                        + "[from: b, to: acb_step_0]");
        assertThatThrownBy(() -> TaskFile.prepare("version: v3\n", AliasSources.NONE, Fixtures.render()))
                .hasMessage("invalid version specified: \"v3\", the current version is \"v1.0.0\"");
    }

    private static StepProperties.Builder defaults(String id) {
        return StepProperties.builder(id).network(NetworkSpec.DEFAULT_NAME);
    }
}
