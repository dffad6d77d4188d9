package dev.slipway.runner.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TaskVersionTest {

    @Test
    void findsTheVersionOnTheFirstMeaningfulLineOnly() {
        assertThat(TaskVersion.find("")).isEmpty();
        assertThat(TaskVersion.find("  # a comment\n\n# another\nversion  : v1.1.0   \n")).isEqualTo("v1.1.0");
        assertThat(TaskVersion.find("version:v1.1.0\r\nsteps: []")).isEqualTo("v1.1.0");
        // Another key first: acb stops looking, so aliases stay off.
        assertThat(TaskVersion.find("steps: []\nversion: v1.1.0")).isEmpty();
        assertThat(TaskVersion.find("versionOfTask: v1.1.0")).isEmpty();
        assertThat(TaskVersion.find(" version: v1.1.0")).isEmpty();
        assertThat(TaskVersion.find("version")).isEmpty();
        assertThat(TaskVersion.find("version:foo:bar")).isEqualTo("foo:bar");
    }

    @ParameterizedTest
    @CsvSource({"v1.1.0,true", "v1.2.0,true", "v2,true", "v1.0.0,false", "1.0-preview-1,false",
            "V1.1.0,false", "'\"v1.1.0\"',false", "'',false", "v1.1.0 # comment,true"})
    void aliasesNeedAVersionThatSortsAfterV110(String declared, boolean enabled) {
        assertThat(TaskVersion.aliasesEnabled(declared)).isEqualTo(enabled);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0-preview-1", "v1.0.0", "v1.1.0", "V1.0.0", "1.0-PREVIEW-1", "V1.1.0"})
    void acceptsAcbVersionsInAnyCase(String version) {
        TaskVersion.check(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.0.0-alpha", "foo", "1.0.0", "v1.2.0", ""})
    void rejectsOtherVersionsWithAcbsMessage(String version) {
        assertThatThrownBy(() -> TaskVersion.check(version))
                .isInstanceOf(TaskSpecException.class)
                .hasMessage("invalid version specified: \"" + version + "\", the current version is \"v1.0.0\"");
    }

    @Test
    void quotesLikeGo() {
        assertThat(TaskVersion.goQuote("a\"b\\c\td\u0001")).isEqualTo("\"a\\\"b\\\\c\\td\\x01\"");
    }
}
