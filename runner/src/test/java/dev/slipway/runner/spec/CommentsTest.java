package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommentsTest {

    @Test
    void dropsLinesWhoseFirstNonBlankCharacterIsAHash() {
        String yaml = "# header\nsteps:\n  # indented comment\n\t# tab-indented\n  - cmd: bash echo hi # trailing\n";
        assertThat(Comments.strip(yaml)).isEqualTo("steps:\n  - cmd: bash echo hi # trailing\n");
    }

    @Test
    void dropsCommentLinesInsideBlockScalarsToo() {
        // acb works on lines before any YAML parsing, so a '#' line of a script in a block scalar goes as well.
        String yaml = "steps:\n  - cmd: |\n      bash -c '\n      # not a YAML comment\n      echo hi'\n";
        assertThat(Comments.strip(yaml)).doesNotContain("not a YAML comment").contains("echo hi'");
    }

    @Test
    void normalisesLineEndingsAndTerminatesEveryLine() {
        assertThat(Comments.strip("a: 1\r\n#x\r\nb: 2")).isEqualTo("a: 1\nb: 2\n");
        assertThat(Comments.strip("")).isEmpty();
        assertThat(Comments.strip("\n\n")).isEqualTo("\n\n");
    }

    @Test
    void keepsAHashThatIsNotFirst() {
        assertThat(Comments.strip("env: [\"COLOR=#fff\"]\n")).isEqualTo("env: [\"COLOR=#fff\"]\n");
    }
}
