package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AliasesTest {

    private static final AliasSources FILES = AliasSources.of(Map.of(
            "https://aliases.example/team.yaml", Fixtures.read("aliases/team.yaml"),
            "./aliases/local.yaml", Fixtures.read("aliases/local.yaml")));

    @Test
    void predefinedAliasesBecomeRunVariables() {
        String out = Aliases.apply("version: v1.1.0\nsteps:\n  - build: -t $Registry/app:$ID-$Date .\n",
                AliasSources.NONE);
        assertThat(out).isEqualTo("version: v1.1.0\nsteps:\n  - build: -t {{.Run.Registry}}/app:{{.Run.ID}}-{{.Run.Date}} .\n");
        assertThat(Aliases.apply("version: v1.1.0\nx: $RegistryName $OS $Architecture $Commit $Branch $SharedVolume "
                + "$TaskName\n", AliasSources.NONE)).contains("x: {{.Run.RegistryName}} {{.Run.OS}} "
                + "{{.Run.Architecture}} {{.Run.Commit}} {{.Run.Branch}} {{.Run.SharedVolume}} {{.Run.TaskName}}\n");
    }

    @Test
    void olderVersionsAreLeftAlone() {
        for (String yaml : new String[] {"version: v1.0.0\n# c\nx: $ID\n", "x: $ID\n", "steps: []\nversion: v1.1.0\nx: $ID\n",
                "version: \"v1.1.0\"\nx: $ID\n"}) {
            Aliases.Result result = Aliases.defaults().process(yaml, AliasSources.NONE, Function.identity());
            assertThat(result.enabled()).isFalse();
            assertThat(result.text()).isEqualTo(yaml);
        }
    }

    @Test
    void unknownNamesStayAsWrittenAndTheDirectiveEscapesItself() {
        String out = Aliases.apply("version: v1.1.0\ncmd: bash -c 'echo $HOME $$ID $$$ID ${PATH} $'\n",
                AliasSources.NONE);
        assertThat(out).endsWith("cmd: bash -c 'echo $HOME $ID ${{.Run.ID}} ${PATH} $'\n");
    }

    @Test
    void aliasesChainAndAnUnknownNameSwallowsTheNextDirective() {
        var aliases = Map.of("a", "A", "b", "B");
        assertThat(AliasScanner.replace("$a$b.", aliases, '$')).isEqualTo("AB.");
        assertThat(AliasScanner.replace("$a$$ ", aliases, '$')).isEqualTo("A$ ");
        // acb writes "$nope$" and leaves scanning mode, so the b after it is plain text.
        assertThat(AliasScanner.replace("$nope$b ", aliases, '$')).isEqualTo("$nope$b ");
        assertThat(AliasScanner.replace("x$a", aliases, '$')).isEqualTo("xA");
        // Values are not scanned again.
        assertThat(AliasScanner.replace("$a ", Map.of("a", "$b"), '$')).isEqualTo("$b ");
    }

    @Test
    void aCustomDirectiveReplacesTheDollar() {
        String out = Aliases.apply(Fixtures.read("aliases/directive.yaml"), AliasSources.NONE);
        assertThat(out).contains("  - cmd: example.io/tools/shell echo hello $HOME 🐳 $$ {{.Run.ID}}\n")
                .doesNotContain("alias:").doesNotContain("directive");
    }

    @Test
    void singleCharacterAliasesChainThroughAWholeTask() {
        var letters = new LinkedHashMap<String, String>();
        for (char c = 'a'; c <= 'z'; c++) {
            letters.put(String.valueOf(c), String.valueOf(c));
            letters.put(String.valueOf(Character.toUpperCase(c)), String.valueOf(Character.toUpperCase(c)));
        }
        for (char c = '0'; c <= '9'; c++) {
            letters.put(String.valueOf(c), String.valueOf(c));
        }
        var yaml = new StringBuilder();
        letters.forEach((k, v) -> yaml.append('"').append(k).append("\": \"").append(v).append("\"\n"));

        String out = Aliases.apply(Fixtures.read("aliases/chained.yaml"),
                AliasSources.of(Map.of("letters.yaml", yaml.toString())));
        assertThat(TaskParser.parse(out)).isEqualTo(TaskParser.parse(Fixtures.read("aliases/chained-expected.yaml")));
    }

    @Test
    void multiLineValuesCanStandForWholeSteps() {
        String out = Aliases.apply(Fixtures.read("aliases/multiline.yaml"), AliasSources.NONE);
        TaskSpec spec = TaskParser.parse(Fixtures.render().apply(out));
        assertThat(spec.steps()).extracting(StepSpec::id).containsExactly("compile", "test", "image");
        assertThat(((CmdStep) spec.steps().get(0)).cmd()).isEqualTo("example.io/tools/compiler build ./...");
        assertThat(spec.steps().get(0).timeout()).isEqualTo(60);
        assertThat(spec.steps().get(1).when()).containsExactly("compile");
        assertThat(((BuildStep) spec.steps().get(2)).build()).isEqualTo("-t reg.example.io/app:ca1 .");
    }

    @Test
    void inlineValuesBeatLaterSourcesWhichBeatEarlierOnesWhichBeatPredefined() {
        Aliases.Result result = Aliases.defaults().process(Fixtures.read("aliases/values-and-src.yaml"), FILES,
                Fixtures.render(Map.of("{{.Values.tag}}", "v7")));
        assertThat(result.aliases()).containsEntry("repo", "team/app")
                .containsEntry("tag", "v7")
                .containsEntry("target", "debug")
                .containsEntry("builder", "example.io/tools/builder:1.2")
                .containsEntry("lint", "example.io/tools/lint:3")
                .containsEntry("bash", Aliases.IMAGES.get("bash"));
        assertThat(result.text()).contains("  - build: -t {{.Run.Registry}}/team/app:v7 -f Dockerfile .\n")
                .contains("  - cmd: example.io/tools/builder:1.2 make debug\n")
                .doesNotContain("alias:").doesNotContain("src:").doesNotContain("# ");
        // The blank line after the alias block belongs to the block, as in acb.
        assertThat(result.text()).startsWith("version: v1.1.0\nstepTimeout: 300\n");
    }

    @Test
    void aliasesOverridePredefinedOnes() {
        String out = Aliases.apply("version: v1.1.0\nalias:\n  values:\n    ID: fixed\nx: $ID\n", AliasSources.NONE);
        assertThat(out).isEqualTo("version: v1.1.0\nx: fixed\n");
    }

    @Test
    void imageAliasesReplaceTheFirstWordOfACmd() {
        Aliases.Result result = Aliases.defaults().process("version: v1.1.0\n", AliasSources.NONE, Function.identity());
        String bash = Aliases.IMAGES.get("bash");
        assertThat(result.expandCommand("bash echo hi")).isEqualTo(bash + " echo hi");
        assertThat(result.expandCommand("   acr purge --ago 1d  ")).isEqualTo(Aliases.IMAGES.get("acr") + " purge --ago 1d");
        assertThat(result.expandCommand("bashful --wait 3")).isEqualTo("bashful --wait 3");
        assertThat(result.expandCommand("--rm bash")).isEqualTo("--rm bash");
        assertThat(Aliases.withImages(Map.of("bash", "mirror.local/bash:5"))
                .process("version: v1.1.0\n", AliasSources.NONE, Function.identity())
                .expandCommand("bash -c true")).isEqualTo("mirror.local/bash:5 -c true");
    }

    @Test
    void directiveRules() {
        assertThatThrownBy(() -> Aliases.apply("version: v1.1.0\nalias:\n  directive: \"&&\"\n", AliasSources.NONE))
                .isInstanceOf(TaskSpecException.class)
                .hasMessage("$ directive can only be overwritten by a single character");
        assertThatThrownBy(() -> Aliases.apply("version: v1.1.0\nalias:\n  directive: a\n", AliasSources.NONE))
                .hasMessage("overwritten directives may not be alphanumeric characters");
    }

    @Test
    void aliasNamesMustBeAlphanumericWhereverTheyComeFrom() {
        assertThatThrownBy(() -> Aliases.apply("version: v1.1.0\nalias:\n  values:\n    my-alias: x\n",
                AliasSources.NONE))
                .hasMessage("alias key names only support alphanumeric characters: \"my-alias\"");
        assertThatThrownBy(() -> Aliases.apply("version: v1.1.0\nalias:\n  src: [f]\n",
                AliasSources.of(Map.of("f", "some_alias: x\n"))))
                .hasMessage("alias key names only support alphanumeric characters: \"some_alias\"");
    }

    @Test
    void brokenSourcesAreReported() {
        assertThatThrownBy(() -> Aliases.apply("version: v1.1.0\nalias:\n  src: [missing.yaml]\n", AliasSources.NONE))
                .hasMessage("failed to load alias source missing.yaml: alias sources are not available here");
        assertThatThrownBy(() -> Aliases.apply("version: v1.1.0\nalias:\n  src: [bad.yaml]\n",
                AliasSources.of(Map.of("bad.yaml", "\"just a string\"\n\"and another\"\nkey: value\n"))))
                .hasMessageStartingWith("failed to read alias source bad.yaml: yaml: line ");
        assertThatThrownBy(() -> Aliases.apply("version: v1.1.0\nalias:\n  src: [list.yaml]\n",
                AliasSources.of(Map.of("list.yaml", "- a\n- b\n"))))
                .hasMessage("failed to read alias source list.yaml: "
                        + "yaml: line 1: cannot unmarshal !!seq into map[string]string");
        assertThatThrownBy(() -> Aliases.apply("version: v1.1.0\nalias:\n  values: [a, b]\n", AliasSources.NONE))
                // Lines count from the start of the alias block, which acb parses on its own.
                .hasMessage("error during alias unmarshaling: "
                        + "yaml: line 2: cannot unmarshal !!seq into map[string]string (alias.values)");
        assertThat(Aliases.apply("version: v1.1.0\nalias:\n  src: [empty.yaml]\nx: $ID\n",
                AliasSources.of(Map.of("empty.yaml", "")))).endsWith("x: {{.Run.ID}}\n");
    }

    @Test
    void theAliasBlockEndsAtTheNextTopLevelKey() {
        AliasSection.Split split = AliasSection.split("""
                version: v1.1.0
                alias:
                  values:
                    a: 1

                # a comment inside
                  # and an indented one
                - not a key
                steps:
                  - cmd: $a
                """);
        assertThat(split.alias()).isEqualTo("alias:\n  values:\n    a: 1\n\n- not a key\n");
        assertThat(split.rest()).isEqualTo("version: v1.1.0\nsteps:\n  - cmd: $a\n");
    }

    @Test
    void theAliasBlockIsRenderedBeforeItIsRead() {
        var seen = new StringBuilder();
        Function<String, String> render = text -> {
            seen.append(text);
            return text.replace("{{.Values.img}}", "example.io/img:1");
        };
        Aliases.Result result = Aliases.defaults().process(
                "version: v1.1.0\nalias:\n  values:\n    img: \"{{.Values.img}}\"\nsteps:\n  - cmd: $img run\n",
                AliasSources.NONE, render);
        assertThat(seen.toString()).isEqualTo("alias:\n  values:\n    img: \"{{.Values.img}}\"\n");
        assertThat(result.text()).endsWith("  - cmd: example.io/img:1 run\n");
    }
}
