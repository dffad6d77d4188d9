package dev.slipway.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "ubuntu", "library/ubuntu", "a/b/c/d", "my-app", "my--app", "a.b", "a_b", "a__b",
        "0", "9lives/v2.0-rc_1", "registry.example.com/team/app"})
    void acceptsValidRepositoryNames(String name) {
        assertThat(Names.repository(name)).isEqualTo(name);
    }

    @Test
    void acceptsTheLongestName() {
        String name = "a".repeat(Names.MAX_REPOSITORY_LENGTH);

        assertThat(Names.repository(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"A", "Library/ubuntu", "a/", "/a", "a//b", "..", "a/../b", "a/./b", "a..b", "a.", ".a", "-a", "a-",
        "_a", "a_", "a___b", "a._b", "a b", "a:b", "a@b", "é", "a/B"})
    void rejectsInvalidRepositoryNames(String name) {
        assertThatThrownBy(() -> Names.repository(name))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.error()).isEqualTo(OciError.NAME_INVALID));
    }

    @Test
    void rejectsNamesOverTheLengthLimit() {
        assertThatThrownBy(() -> Names.repository("a".repeat(Names.MAX_REPOSITORY_LENGTH + 1)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.error()).isEqualTo(OciError.NAME_INVALID));
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "v1.0.0", "1", "_hidden", "A-b.c_D", "sha256-abc.sig"})
    void acceptsValidTags(String tag) {
        assertThat(Names.isTag(tag)).isTrue();
        assertThat(Names.tag(tag)).isEqualTo(tag);
    }

    @Test
    void acceptsTagsOfUpTo128Characters() {
        assertThat(Names.isTag("t".repeat(128))).isTrue();
        assertThat(Names.isTag("t".repeat(129))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".hidden", "-dash", "a:b", "a/b", "a+b", "a b", "tag!", "é"})
    void rejectsInvalidTags(String tag) {
        assertThat(Names.isTag(tag)).isFalse();
        assertThatThrownBy(() -> Names.tag(tag))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.error()).isEqualTo(OciError.TAG_INVALID));
    }
}
