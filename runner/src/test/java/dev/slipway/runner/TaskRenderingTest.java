package dev.slipway.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.runner.spec.AliasSources;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.PushStep;
import dev.slipway.runner.spec.TaskDefaults;
import dev.slipway.runner.spec.TaskSpecException;
import dev.slipway.runner.template.TemplateException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRenderingTest {
    private static final RunVariables RUN = new RunVariables("ca7", "reg.example.com:5000", Instant.parse("2026-11-23T20:30:12Z"),
            "linux", "amd64", "0f98abc", "main", "hello-task", "acb_vol_1234");

    @Test
    void rendersAliasesValuesSetsAndSecretsIntoARunnableSpec() {
        String yaml = """
                version: v1.1.0
                # a comment acb drops before aliases
                alias:
                  values:
                    app: hello-{{.Values.flavour}}
                secrets:
                  - id: token
                    keyvault: https://vault.example/secrets/ci-token
                steps:
                  - id: build
                    build: -t $Registry/$app:$ID --build-arg DATE=$Date .
                  - id: test
                    cmd: $Registry/$app:$ID echo {{.Values.greeting | upper}} {{.Secrets.token}}
                    env: ["TAG={{ .Values.tag | default "latest" }}"]
                  - push: ["{{.Run.Registry}}/{{.Run.RegistryName}}/$app:{{.Run.ID}}"]
                """;
        Map<String, Object> values = TaskValues.merge("flavour: plain\ngreeting: hi\n", List.of("flavour=go"));
        TaskRendering.Result r = TaskRendering.prepare("acb.yaml", yaml, RUN, values,
                s -> s.keyvault().orElseThrow().endsWith("/ci-token") ? "s3cr3t" : "?", AliasSources.NONE, TaskDefaults.NONE);

        var steps = r.prepared().spec().steps();
        assertThat(((BuildStep) steps.get(0)).build())
                .isEqualTo("-t reg.example.com:5000/hello-go:ca7 --build-arg DATE=20261123-203012z .");
        CmdStep test = (CmdStep) steps.get(1);
        assertThat(test.cmd()).isEqualTo("reg.example.com:5000/hello-go:ca7 echo HI s3cr3t");
        assertThat(test.properties().env()).contains("TAG=latest");
        assertThat(((PushStep) steps.get(2)).images()).containsExactly("reg.example.com:5000/reg/hello-go:ca7");
        assertThat(r.prepared().notes()).anyMatch(n -> n.startsWith("Alias support enabled"));
        assertThat(TaskRendering.maskable(r)).containsExactly("s3cr3t");
        assertThat(r.prepared().dag().dependencies("test")).containsExactly("build");
    }

    @Test
    void setMakesFlatStringKeysThatOverrideTheValuesFile() {
        Map<String, Object> v = TaskValues.merge("a:\n  b: 1\nn: 2\n", List.of("a.b=x", "n=3"));
        assertThat(v).containsEntry("a.b", "x").containsEntry("n", "3").containsEntry("a", Map.of("b", 1));
        assertThatThrownBy(() -> TaskValues.merge(null, List.of("novalue")))
                .hasMessage("failed to parse --set data; invalid format, no = assignment found");
        assertThatThrownBy(() -> TaskValues.merge(null, List.of("=x"))).hasMessage("expected a key=val format");
        assertThatThrownBy(() -> TaskValues.merge("[not, a, map", List.of())).isInstanceOf(TaskSpecException.class);
    }

    @Test
    void templateErrorsNameTheFileAndLine() {
        String yaml = "version: v1.0.0\nsteps:\n  - cmd: {{ nosuchfunc .Run.ID }}\n";
        assertThatThrownBy(() -> TaskRendering.prepare("acb.yaml", yaml, RUN, Map.of(), s -> "", AliasSources.NONE,
                TaskDefaults.NONE)).isInstanceOf(TemplateException.class).hasMessageContaining("acb.yaml:3");
    }

    @Test
    void registryNameIsTheHostBeforeTheFirstDotWithoutPort() {
        assertThat(RUN.registryName()).isEqualTo("reg");
        assertThat(new RunVariables("x", "localhost:5000", null, null, null, null, null, null, null).registryName())
                .isEqualTo("localhost");
    }
}
