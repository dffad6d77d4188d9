package dev.slipway.runner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagsTest {

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            someimg                          |                 | someimg
            foo:latest                       |                 | foo:latest
            someimg                          | foo             | foo/someimg
            someimg:bar                      | foo             | foo/someimg:bar
            library/someimg:bar              | foo             | library/someimg:bar
            test:latest                      | foo.azurecr.io  | foo.azurecr.io/test:latest
            team/app:v1                      | foo.azurecr.io  | foo.azurecr.io/team/app:v1
            foo.azurecr.io/test:latest       | foo.azurecr.io  | foo.azurecr.io/test:latest
            FOO.azurecr.io/test:latest       | foo.azurecr.io  | FOO.azurecr.io/test:latest
            other.azurecr.io/app:1           | foo.azurecr.io  | other.azurecr.io/app:1
            known/app:1                      | foo.azurecr.io  | known/app:1
            foobar/app                       | foo             | foo/foobar/app
            ghcr.io/me/app:1                 | foo.azurecr.io  | ghcr.io/me/app:1
            localhost:5000/app               | foo.azurecr.io  | localhost:5000/app
            """)
    void prefixesLikeAcbUtilPrefixes(String tag, String registry, String expected) {
        assertThat(Tags.prefixRegistry(tag, registry, Set.of("other.azurecr.io", "known", ""))).isEqualTo(expected);
    }

    @Test
    void listInOrderAndEmptyTagRejected() {
        assertThat(Tags.prefixRegistry(List.of("a", "reg.io/b", "c:1"), "reg.io", Set.of()))
                .containsExactly("reg.io/a", "reg.io/b", "reg.io/c:1");
        assertThatThrownBy(() -> Tags.prefixRegistry("", "reg.io", Set.of())).isInstanceOf(ScanException.class);
    }
}
