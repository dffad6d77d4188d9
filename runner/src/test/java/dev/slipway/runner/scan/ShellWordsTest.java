package dev.slipway.runner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellWordsTest {

    static final Map<String, String> VARS = Map.of("A", "alpha", "EMPTY", "", "V", "1.2.3", "SP", "a b");

    static String expand(String word) {
        return ShellWords.expand(word, VARS::get, '\\');
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', nullValues = "NULL", emptyValue = "", textBlock = """
            plain             | plain
            $A                | alpha
            ${A}-x            | alpha-x
            $A_x              |
            ${A}_x            | alpha_x
            $NOPE             |
            "$A b"            | alpha b
            '$A'              | $A
            "it's"            | it's
            'say "hi"'        | say "hi"
            a\\ b             | a b
            \\$A              | $A
            "\\$A \\" \\x"    | $A " \\x
            $                 | $
            a$                | a$
            $-                | $-
            ${NOPE:-d}        | d
            ${EMPTY:-d}       | d
            ${EMPTY-d}        |
            ${NOPE-d}         | d
            ${A:-d}           | alpha
            ${A:+alt}         | alt
            ${EMPTY:+alt}     |
            ${EMPTY+alt}      | alt
            ${NOPE:+alt}      |
            ${NOPE:-"x y"}    | x y
            ${NOPE:-$A}       | alpha
            ${NOPE:-${A:+z}}  | z
            ${V#*.}           | 2.3
            ${V##*.}          | 3
            ${V%.*}           | 1.2
            ${V%%.*}          | 1
            ${V#x}            | 1.2.3
            $SP               | a b
            """)
    void expandsLikeBuildKit(String word, String expected) {
        assertThat(expand(word)).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void backtickEscape() {
        assertThat(ShellWords.expand("c:\\dir`$A", VARS::get, '`')).isEqualTo("c:\\dir$A");
        assertThat(ShellWords.expand("\"`\"q`\"\"", VARS::get, '`')).isEqualTo("\"q\"");
    }

    @Test
    void errors() {
        assertThatThrownBy(() -> expand("'open")).hasMessageContaining("unterminated single quote");
        assertThatThrownBy(() -> expand("\"open")).hasMessageContaining("unterminated double quote");
        assertThatThrownBy(() -> expand("${A")).hasMessageContaining("missing '}'");
        assertThatThrownBy(() -> expand("${}")).hasMessageContaining("bad substitution");
        assertThatThrownBy(() -> expand("${A/x/y}")).hasMessageContaining("unsupported modifier '/'");
        assertThatThrownBy(() -> expand("${A:#x}")).hasMessageContaining("unsupported modifier ':#'");
        assertThatThrownBy(() -> expand("${EMPTY:?}")).hasMessage("EMPTY: is not allowed to be empty");
        assertThat(expand("${EMPTY?}")).isEmpty();
    }

    @Test
    void splitKeepsQuotesForLaterExpansion() {
        assertThat(ShellWords.split("A=1 B=\"x y\"  C='$z w' D=a\\ b", '\\'))
                .containsExactly("A=1", "B=\"x y\"", "C='$z w'", "D=a\\ b");
        assertThat(ShellWords.split("  ", '\\')).isEmpty();
    }

    @Test
    void unquoteForHeredocNames() {
        assertThat(ShellWords.unquote("'EOF'")).isEqualTo("EOF");
        assertThat(ShellWords.unquote("\"E\"OF")).isEqualTo("EOF");
        assertThat(ShellWords.unquote("$EOF")).isEqualTo("$EOF");
    }

    @Test
    void builderFlags() {
        BuilderFlags flags = BuilderFlags.extract("--from=\"a b\" --link --mount=type=cache,target=/x  rest --x=1");
        assertThat(flags.flags()).containsExactly(new BuilderFlags.Flag("from", "a b"),
                new BuilderFlags.Flag("link", null), new BuilderFlags.Flag("mount", "type=cache,target=/x"));
        assertThat(flags.rest()).isEqualTo("rest --x=1");
        assertThat(BuilderFlags.extract("--a=1 -- --b=2 x").rest()).isEqualTo("--b=2 x");
    }

    @Test
    void mountOptions() {
        assertThat(Instructions.mountOptions("type=bind,From=img:1,\"target=/a,b\",readonly"))
                .containsEntry("type", "bind").containsEntry("from", "img:1").containsEntry("target", "/a,b")
                .containsEntry("readonly", "");
    }
}
