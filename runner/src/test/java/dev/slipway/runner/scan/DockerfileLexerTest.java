package dev.slipway.runner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.runner.scan.DockerfileLexer.Instruction;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileLexerTest {

    static List<Instruction> lex(String text) {
        return DockerfileLexer.lex(text).instructions();
    }

    @Test
    void keywordsUpperCasedWithLineNumbersAndIndentation() {
        assertThat(lex("\n  from a\n\n\trun  echo hi  \n"))
                .containsExactly(new Instruction(2, "FROM", "a"), new Instruction(4, "RUN", "echo hi"));
    }

    @Test
    void continuationJoinsWithoutAddingSpaceAndSkipsCommentsAndBlankLines() {
        assertThat(lex("FROM node:\\\n18\nRUN a \\\n  # note\n\n  b \\  \n  c\n"))
                .containsExactly(new Instruction(1, "FROM", "node:18"), new Instruction(3, "RUN", "a   b   c"));
    }

    @Test
    void continuationAtEndOfFile() {
        assertThat(lex("FROM a \\")).containsExactly(new Instruction(1, "FROM", "a"));
    }

    @Test
    void crlfLineEnds() {
        assertThat(lex("FROM a\r\nRUN b \\\r\n c\r\n"))
                .containsExactly(new Instruction(1, "FROM", "a"), new Instruction(2, "RUN", "b  c"));
    }

    @Test
    void escapeDirectiveMakesBackslashLiteral() {
        DockerfileLexer.Lexed lexed = DockerfileLexer.lex("# escape=`\nFROM a\nRUN dir c:\\\nCOPY x `\n  y\n");
        assertThat(lexed.escape()).isEqualTo('`');
        assertThat(lexed.instructions()).containsExactly(new Instruction(2, "FROM", "a"),
                new Instruction(3, "RUN", "dir c:\\"), new Instruction(4, "COPY", "x   y"));
    }

    @Test
    void directivesOnlyAtTheTop() {
        assertThat(DockerfileLexer.lex("# syntax=docker/dockerfile:1\n#escape = `\nFROM a\n").escape()).isEqualTo('`');
        assertThat(DockerfileLexer.lex("# a comment\n# escape=`\nFROM a\n").escape()).isEqualTo('\\');
        assertThat(DockerfileLexer.lex("\n# escape=`\nFROM a\n").escape()).isEqualTo('\\');
        assertThat(DockerfileLexer.lex("FROM a\n# escape=`\n").escape()).isEqualTo('\\');
        assertThat(DockerfileLexer.lex("\uFEFF# escape=`\nFROM a\n").escape()).isEqualTo('`');
    }

    @Test
    void badDirectives() {
        assertThatThrownBy(() -> lex("# escape=`\n# escape=\\\nFROM a\n"))
                .hasMessage("Dockerfile:2: only one 'escape' parser directive may be used");
        assertThatThrownBy(() -> lex("# escape=x\nFROM a\n"))
                .hasMessage("Dockerfile:1: the escape directive takes '\\' or '`', not 'x'");
    }

    @Test
    void heredocBodiesSkipped() {
        assertThat(lex("FROM a\nRUN <<EOF\nFROM b\nEOF\nFROM c\n")).extracting(Instruction::args)
                .containsExactly("a", "<<EOF", "c");
    }

    @Test
    void heredocVariants() {
        String text = """
                FROM a
                RUN <<-EOT bash
                \tFROM x
                \tEOT
                RUN << "SPACED"
                FROM y
                SPACED
                RUN 3<<FD cat /dev/fd/3
                FROM z
                FD
                ONBUILD RUN <<OB
                FROM w
                OB
                RUN --mount=type=cache,target=/c <<EOF
                FROM v
                EOF
                FROM end
                """;
        assertThat(lex(text)).extracting(Instruction::keyword)
                .containsExactly("FROM", "RUN", "RUN", "RUN", "ONBUILD", "RUN", "FROM");
    }

    @Test
    void notHeredocs() {
        String text = """
                FROM a
                RUN ["sh", "-c", "cat <<EOF"]
                FROM b
                RUN echo "<<EOF" && cat<<X && echo $((1<<2)) && cat <<<here
                FROM c
                ENV X <<EOF
                FROM d
                """;
        assertThat(lex(text)).filteredOn(i -> i.keyword().equals("FROM")).extracting(Instruction::args)
                .containsExactly("a", "b", "c", "d");
    }

    @Test
    void unterminatedHeredocNamesItsLine() {
        assertThatThrownBy(() -> lex("FROM a\n\nRUN <<EOF\necho\n EOF\n"))
                .hasMessage("Dockerfile:3: heredoc <<EOF is not terminated by a line 'EOF'");
    }

    @Test
    void heredocWordsKeepQuotesAndSpacesAfterRedirect() {
        assertThat(DockerfileLexer.heredocWords("cat << 'EOF' \"a b\" x<<y"))
                .containsExactly("cat", "<< 'EOF'", "\"a b\"", "x<<y");
    }

    @Test
    void jsonArrayDetection() {
        assertThat(DockerfileLexer.isJsonArray(" [\"a\", \"b\"] ")).isTrue();
        assertThat(DockerfileLexer.isJsonArray("[\"a\", 1]")).isFalse();
        assertThat(DockerfileLexer.isJsonArray("[ -f x ] && y")).isFalse();
        assertThat(DockerfileLexer.isJsonArray("echo [1]")).isFalse();
    }
}
