package dev.slipway.runner.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases whose expected output is what Go's text/template with Sprig produced for the same template and
 * data (see the resource files). Compared before acb's {@code <no value>} stripping, so Go's output is matched
 * exactly.
 */
class TemplateGoldenTest {
    /** The instant the golden generator fixed {@code now} at. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2019-06-28T21:03:36.123456789Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<GoldenCases> syntax() {
        return GoldenCases.load("syntax.txt");
    }

    static List<GoldenCases> functions() {
        return GoldenCases.load("functions.txt");
    }

    static List<GoldenCases> errors() {
        return GoldenCases.load("errors.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntax")
    void syntax(GoldenCases c) throws Exception {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functions(GoldenCases c) throws Exception {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void errors(GoldenCases c) throws Exception {
        check(c);
    }

    private static void check(GoldenCases c) throws Exception {
        Map<?, ?> data = c.data() == null || c.data().isBlank() ? Map.of() : JSON.readValue(c.data(), Map.class);
        if (c.error() != null) {
            assertThatThrownBy(() -> Template.parse("t.yaml", c.template()).execute(data, CLOCK))
                    .isInstanceOf(TemplateException.class)
                    .hasMessage(c.error());
        } else {
            assertThat(Template.parse("t.yaml", c.template()).execute(data, CLOCK)).isEqualTo(c.want());
        }
    }
}
