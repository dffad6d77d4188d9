package dev.slipway.runner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerBuildCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -f Dockerfile -t {{.Run.ID}}:latest https://github.com/Azure/acr-builder.git | Dockerfile     | https://github.com/Azure/acr-builder.git
            https://github.com/Azure/acr-builder.git#main:blah -f Dockerfile -t foo:bar  | Dockerfile     | https://github.com/Azure/acr-builder.git#main:blah
            --file src/Dockerfile . -t foo:bar                                           | src/Dockerfile | .
            -t foo https://github.com/Azure/acr-builder.git#:HelloWorld                  |                | https://github.com/Azure/acr-builder.git#:HelloWorld
            """)
    void acbsDockerfileAndContextCases(String args, String dockerfile, String context) {
        BuildCommand cmd = DockerBuildCommand.parse(args);
        assertThat(cmd.dockerfile()).isEqualTo(dockerfile);
        assertThat(cmd.context()).isEqualTo(context);
    }

    @Test
    void everyTagSpelling() {
        BuildCommand cmd = DockerBuildCommand.parse("-t a --tag b -tc --tag=d -t=e .");
        assertThat(cmd.tags()).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void quotedPathsAndValuesWithSpaces() { // Azure/acr#871
        BuildCommand cmd = DockerBuildCommand.parse(
                "-f \"my dir/Dockerfile\" --build-arg MSG='hello world' --label \"org.title=My \\\"App\\\"\" 'my context'");
        assertThat(cmd.dockerfile()).isEqualTo("my dir/Dockerfile");
        assertThat(cmd.buildArgs()).containsExactly(Map.entry("MSG", "hello world"));
        assertThat(cmd.labels()).containsExactly(Map.entry("org.title", "My \"App\""));
        assertThat(cmd.context()).isEqualTo("my context");
        assertThat(cmd.dockerfilePath()).isEqualTo("my dir/Dockerfile");
    }

    @Test
    void buildArgsInOrderLaterWinsValueFromEnvironment() {
        BuildCommand cmd = DockerBuildCommand.parse(
                "--build-arg A=1 --build-arg TOKEN --build-arg B=x=y --build-arg MISSING --build-arg=A=2 .",
                Map.of("TOKEN", "secret"));
        assertThat(cmd.buildArgs()).containsExactly(Map.entry("A", "2"), Map.entry("TOKEN", "secret"),
                Map.entry("B", "x=y"));
    }

    @Test
    void knownFieldsAndExtraFlags() {
        BuildCommand cmd = DockerBuildCommand.parse("--target final --platform linux/arm64 --no-cache --pull"
                + " --network=host --label a=1 --label b --cache-from a:cache --rm --squash -m 2GB"
                + " --secret id=x,src=y --isolation hyperv --unknown-flag --foo=bar -q -x .");
        assertThat(cmd.target()).isEqualTo("final");
        assertThat(cmd.platform()).isEqualTo("linux/arm64");
        assertThat(cmd.noCache()).isTrue();
        assertThat(cmd.pull()).isTrue();
        assertThat(cmd.network()).isEqualTo("host");
        assertThat(cmd.labels()).containsExactly(Map.entry("a", "1"), Map.entry("b", ""));
        assertThat(cmd.extra()).containsExactly("--cache-from=a:cache", "--rm", "--squash", "--memory=2GB",
                "--secret=id=x,src=y", "--isolation=hyperv", "--unknown-flag", "--foo=bar", "--quiet", "-x");
        assertThat(cmd.tags()).isEmpty();
        assertThat(cmd.dockerfile()).isNull();
    }

    @Test
    void booleanFlagValues() {
        BuildCommand cmd = DockerBuildCommand.parse("--no-cache=false --pull=true --rm=false .");
        assertThat(cmd.noCache()).isFalse();
        assertThat(cmd.pull()).isTrue();
        assertThat(cmd.extra()).containsExactly("--rm=false");
        assertThatThrownBy(() -> DockerBuildCommand.parse("--no-cache=maybe ."))
                .hasMessage("build command: --no-cache=maybe takes true or false");
    }

    @Test
    void continuationsStdinContextAndEndOfFlags() {
        assertThat(DockerBuildCommand.parse("-t a \\\n  -f D -").context()).isEqualTo("-");
        assertThat(DockerBuildCommand.parse("-t a -- -weird-dir").context()).isEqualTo("-weird-dir");
    }

    @Test
    void contextIsRequiredAndUnique() {
        assertThatThrownBy(() -> DockerBuildCommand.parse("-t app:v1 -f Dockerfile"))
                .isInstanceOf(ScanException.class)
                .hasMessageStartingWith("build command: the build context is missing");
        assertThatThrownBy(() -> DockerBuildCommand.parse("-f my dir/Dockerfile ."))
                .hasMessage("build command: expected one build context but found 'dir/Dockerfile', '.'; quote a path"
                        + " with spaces, and write an unknown flag's value as --flag=value");
    }

    @Test
    void malformed() {
        assertThatThrownBy(() -> DockerBuildCommand.parse(". -t")).hasMessage("build command: -t needs a value");
        assertThatThrownBy(() -> DockerBuildCommand.parse("--tag= .")).hasMessage("build command: --tag= needs a value");
        assertThatThrownBy(() -> DockerBuildCommand.parse("-f 'x .")).hasMessageStartingWith(
                "build command: unterminated ' quote");
        assertThatThrownBy(() -> DockerBuildCommand.parse("-f \"x .")).hasMessageStartingWith(
                "build command: unterminated \" quote");
        assertThatThrownBy(() -> DockerBuildCommand.parse("--build-arg =x ."))
                .hasMessage("build command: --build-arg '=x' has no name before '='");
    }

    @Test
    void dockerfilePathDefaults() {
        assertThat(DockerBuildCommand.parse(".").dockerfilePath()).isEqualTo("Dockerfile");
        assertThat(DockerBuildCommand.parse("src/app").dockerfilePath()).isEqualTo("src/app/Dockerfile");
        assertThat(DockerBuildCommand.parse("src/app/").dockerfilePath()).isEqualTo("src/app/Dockerfile");
        BuildCommand git = DockerBuildCommand.parse("https://github.com/u/r.git#main:app");
        assertThat(git.isRemoteContext()).isTrue();
        assertThat(git.dockerfilePath()).isEqualTo("Dockerfile");
        assertThat(DockerBuildCommand.parse("-f ci/Dockerfile src").dockerfilePath()).isEqualTo("ci/Dockerfile");
    }

    @Test
    void withTagsKeepsTheRest() {
        BuildCommand cmd = DockerBuildCommand.parse("-t a --target t --build-arg X=1 .");
        BuildCommand prefixed = cmd.withTags(Tags.prefixRegistry(cmd.tags(), "reg.io", java.util.Set.of()));
        assertThat(prefixed.tags()).containsExactly("reg.io/a");
        assertThat(prefixed).isEqualTo(new BuildCommand(List.of("reg.io/a"), null, Map.of("X", "1"), "t", null,
                false, false, null, Map.of(), ".", List.of()));
    }

    @Test
    void tokenizerFollowsPosixQuoting() {
        assertThat(DockerBuildCommand.tokenize("a 'b c' \"d \\\"e\\\" \\n\" f\\ g '' \"\" h\\'"))
                .containsExactly("a", "b c", "d \"e\" \\n", "f g", "", "", "h'");
    }
}
