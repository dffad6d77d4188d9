package dev.slipway.runner.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A realistic multi-step acr-task.yaml rendered with the data acb provides. */
class AcrTaskTemplateTest {
    private static final String TASK = """
            version: v1.1.0
            {{- /* values come from --set or a values file */}}
            secrets:
              - id: password
                keyvault: https://myvault.vault.azure.net/secrets/pw
            stepTimeout: {{ .Values.timeout | default 600 }}
            steps:
              - id: build
                build: >-
                  -t {{.Run.Registry}}/hello:{{.Run.ID}}
                  -t {{.Run.Registry}}/hello:{{.Values.tag | default "latest"}}
                  --build-arg GIT_COMMIT={{ .Run.Commit | trunc 7 }}
                  {{- range $k, $v := .Values.buildArgs }}
                  --build-arg {{ $k }}={{ $v | quote }}
                  {{- end }}
                  -f Dockerfile .
              - id: login
                cmd: bash -c 'echo {{.Secrets.password}} | docker login {{.Run.Registry}} -u {{ .Values.user }} --password-stdin'
            {{- if .Values.runTests }}
              - id: test
                cmd: {{.Run.Registry}}/hello:{{.Run.ID}} go test ./...
                when: ["build"]
            {{- end }}
              - push:
                  - {{.Run.Registry}}/hello:{{.Run.ID}}
                  - {{.Run.Registry}}/hello:{{.Values.tag | default "latest"}}
                timeout: {{ mul 2 300 }}
              - cmd: {{.Run.Registry}}/notify:{{ .Values.notifyTag }} "{{ .Run.TaskName | upper }} built {{ .Run.Date }}"
            """;

    private static Map<String, Object> data(Map<String, Object> values) {
        return Map.of(
                "Run", Map.of("ID", "ca1", "Registry", "reg.example:5000", "RegistryName", "reg",
                        "Commit", "0123456789abcdef", "Date", "20190628-210336z", "TaskName", "hello-task"),
                "Values", values,
                "Secrets", Map.of("password", "s3cr3t"));
    }

    @Test
    void rendersTheTaskFileWithValuesAndSecrets() {
        String yaml = Template.parse("acb.yaml", TASK).render(data(Map.of(
                "tag", "v1.2",
                "user", "ci",
                "runTests", true,
                "buildArgs", Map.of("B", "two words", "A", "1"))));
        assertThat(yaml).isEqualTo("""
                version: v1.1.0
                secrets:
                  - id: password
                    keyvault: https://myvault.vault.azure.net/secrets/pw
                stepTimeout: 600
                steps:
                  - id: build
                    build: >-
                      -t reg.example:5000/hello:ca1
                      -t reg.example:5000/hello:v1.2
                      --build-arg GIT_COMMIT=0123456
                      --build-arg A="1"
                      --build-arg B="two words"
                      -f Dockerfile .
                  - id: login
                    cmd: bash -c 'echo s3cr3t | docker login reg.example:5000 -u ci --password-stdin'
                  - id: test
                    cmd: reg.example:5000/hello:ca1 go test ./...
                    when: ["build"]
                  - push:
                      - reg.example:5000/hello:ca1
                      - reg.example:5000/hello:v1.2
                    timeout: 600
                  - cmd: reg.example:5000/notify: "HELLO-TASK built 20190628-210336z"
                """);
    }

    @Test
    void missingValuesFallBackToDefaultsOrNothing() {
        String yaml = Template.parse("acb.yaml", TASK).render(data(Map.of("timeout", 900, "buildArgs", List.of())));
        assertThat(yaml)
                .contains("stepTimeout: 900")
                .contains("-t reg.example:5000/hello:latest")
                .contains("docker login reg.example:5000 -u  --password-stdin")
                .doesNotContain("id: test")
                .doesNotContain("<no value>")
                .doesNotContain("<nil>");
    }
}
