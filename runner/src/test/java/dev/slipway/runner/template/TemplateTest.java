package dev.slipway.runner.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The public surface: acb's rendering ({@code <no value>} stripped), exceptions, and newer Go syntax. */
class TemplateTest {
    private static final Map<String, Object> DATA = Map.of(
            "Run", Map.of("ID", "ca1", "Registry", "reg.example:5000"),
            "Values", Map.of("name", "slipway", "list", List.of("a", "b")));

    private static String render(String text) {
        return Template.parse("t.yaml", text).render(DATA, TemplateGoldenTest.CLOCK);
    }

    @Test
    void missingValuesRenderAsNothing() {
        assertThat(render("a[{{ .Values.missing }}]b[{{ .Nothing }}]")).isEqualTo("a[]b[]");
        assertThat(render("{{ .Values.missing | default \"latest\" }}")).isEqualTo("latest");
    }

    @Test
    void renderStripsEveryNoValueLikeAcb() {
        // acb removes the text wherever it comes from, even from a literal.
        assertThat(render("{{ \"<no value>\" }}x<no value>")).isEqualTo("x");
    }

    @Test
    void executeKeepsGoOutput() {
        assertThat(Template.parse("t", "[{{ .x }}]").execute(Map.of(), TemplateGoldenTest.CLOCK))
                .isEqualTo("[<no value>]");
    }

    @Test
    void nullDataIsNoValue() {
        assertThat(Template.parse("t", "[{{ . }}][{{ .a }}]").render(null)).isEqualTo("[][]");
    }

    /** Range over an int (Go 1.22) and else-with (Go 1.23) are newer than the golden generator's Go. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{{ range 3 }}{{ . }}{{ end }}|012",
        "{{ range $i := 2 }}{{ $i }}{{ end }}|01",
        "{{ range 0 }}x{{ else }}none{{ end }}|none",
        "{{ with .Values.none }}a{{ else with .Values.name }}{{ . }}{{ end }}|slipway",
        "{{ with .Values.none }}a{{ else with .Values.none2 }}b{{ else }}c{{ end }}|c",
    })
    void newerGoSyntax(String template, String want) {
        assertThat(render(template)).isEqualTo(want);
    }

    @Test
    void rangeCanAssignOuterVariables() {
        assertThat(render("{{ $i := 0 }}{{ $v := \"\" }}{{ range $i, $v = .Values.list }}{{ end }}{{ $i }}{{ $v }}"))
                .isEqualTo("1b");
    }

    @Test
    void parseErrorsNameTemplateAndLine() {
        assertThatThrownBy(() -> Template.parse("acb.yaml", "version: v1.1.0\nsteps:\n  - cmd: {{ foo }}\n"))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e).hasMessage("acb.yaml:3: function \"foo\" not defined");
                    assertThat(e.templateName()).isEqualTo("acb.yaml");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(-1);
                    assertThat(e.detail()).isEqualTo("function \"foo\" not defined");
                });
    }

    @Test
    void renderErrorsCarryLineAndColumn() {
        Template t = Template.parse("acb.yaml", "a: 1\nb: {{ required \"set tag\" .Values.tag }}\n");
        assertThatThrownBy(() -> t.render(DATA))
                .isInstanceOfSatisfying(TemplateException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(6);
                    assertThat(e.detail()).isEqualTo("executing \"acb.yaml\" at <required \"set tag\" .Values.tag>: "
                            + "error calling required: set tag");
                });
    }

    @Test
    void recursionIsBounded() {
        Template t = Template.parse("t", "{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}");
        assertThatThrownBy(() -> t.render(Map.of()))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("exceeded maximum template depth (" + Executor.MAX_DEPTH + ")");
    }

    @Test
    void untilIsBounded() {
        assertThatThrownBy(() -> render("{{ range until 100000000 }}{{ end }}"))
                .hasMessageContaining("error calling until: too many elements");
    }

    @Test
    void dataMapsAreNotCopiedButSetWorksOnMutableOnes() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("m", new LinkedHashMap<>(Map.of("a", 1)));
        assertThat(Template.parse("t", "{{ set .m \"b\" 2 }}").render(values)).isEqualTo("map[a:1 b:2]");
        assertThatThrownBy(() -> Template.parse("t", "{{ set .m \"b\" 2 }}").render(Map.of("m", Map.of())))
                .hasMessageContaining("error calling set: runtime error");
    }

    @Test
    void nowUsesTheClockInUtc() {
        assertThat(render("{{ now | date \"2006-01-02T15:04:05Z07:00\" }}")).isEqualTo("2019-06-28T21:03:36Z");
        assertThat(Template.parse("t", "{{ now.Year }}").render(Map.of())).matches("\\d{4}");
    }

    @Test
    void aParsedTemplateRendersConcurrently() throws Exception {
        Template t = Template.parse("t", "{{ range $i, $v := .l }}{{ $i }}{{ $v | upper }}{{ end }}");
        List<String> letters = List.of("a", "b", "c");
        try (var pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> t.render(Map.of("l", letters))));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo("0A1B2C");
            }
        }
    }
}
