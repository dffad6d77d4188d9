package dev.slipway.runner.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    static final String SHA = "sha256:" + "a".repeat(64);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            # written,                                  registry,                repository,       tag,     reference
            node,                                       registry.hub.docker.com, library/node,     latest,  node:latest
            node:16,                                    registry.hub.docker.com, library/node,     16,      node:16
            library/node:16,                            registry.hub.docker.com, library/node,     16,      library/node:16
            myorg/myimage:mytag,                        registry.hub.docker.com, myorg/myimage,    mytag,   myorg/myimage:mytag
            registry.hub.docker.com/library/node:16,    registry.hub.docker.com, library/node,     16,      registry.hub.docker.com/library/node:16
            registry.hub.docker.com/myorg/myimage:t,    registry.hub.docker.com, myorg/myimage,    t,       registry.hub.docker.com/myorg/myimage:t
            docker.io/node,                             registry.hub.docker.com, library/node,     latest,  docker.io/node:latest
            docker.io/library/node:16,                  registry.hub.docker.com, library/node,     16,      docker.io/library/node:16
            index.docker.io/myorg/app:1,                registry.hub.docker.com, myorg/app,        1,       index.docker.io/myorg/app:1
            myregistry.azurecr.io/myorg/myimage:mytag,  myregistry.azurecr.io,   myorg/myimage,    mytag,   myregistry.azurecr.io/myorg/myimage:mytag
            mcr.microsoft.com/dotnet/aspnet:8.0,        mcr.microsoft.com,       dotnet/aspnet,    8.0,     mcr.microsoft.com/dotnet/aspnet:8.0
            localhost:5000/app,                         localhost:5000,          app,              latest,  localhost:5000/app:latest
            localhost/team/app:v1,                      localhost,               team/app,         v1,      localhost/team/app:v1
            127.0.0.1:5000/app:v1,                      127.0.0.1:5000,          app,              v1,      127.0.0.1:5000/app:v1
            [::1]:5000/app:v1,                          [::1]:5000,              app,              v1,      [::1]:5000/app:v1
            MyRegistry.AzureCR.io/app:V1,               myregistry.azurecr.io,   app,              V1,      MyRegistry.AzureCR.io/app:V1
            a/b/c/d:x,                                  registry.hub.docker.com, a/b/c/d,          x,       a/b/c/d:x
            my-app__x.y:1.0-rc_1,                       registry.hub.docker.com, library/my-app__x.y, 1.0-rc_1, my-app__x.y:1.0-rc_1
            """)
    void parsesAndNormalisesLikeAcb(String written, String registry, String repository, String tag, String reference) {
        ImageReference ref = ImageReference.parse(written);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isNull();
        assertThat(ref.reference()).isEqualTo(reference);
    }

    @Test
    void digestPinnedReferenceHasNoImpliedTag() {
        ImageReference ref = ImageReference.parse("node@" + SHA);
        assertThat(ref.tag()).isNull();
        assertThat(ref.digest()).isEqualTo(SHA);
        assertThat(ref.reference()).isEqualTo("node@" + SHA);
        assertThat(ref.fullName()).isEqualTo("registry.hub.docker.com/library/node@" + SHA);
    }

    @Test
    void tagAndDigestTogether() {
        ImageReference ref = ImageReference.parse("localhost:5000/base:1.2@" + SHA);
        assertThat(ref.registry()).isEqualTo("localhost:5000");
        assertThat(ref.tag()).isEqualTo("1.2");
        assertThat(ref.digest()).isEqualTo(SHA);
        assertThat(ref.fullName()).isEqualTo("localhost:5000/base:1.2@" + SHA);
    }

    @Test
    void nameFullNameAndDigestAttachment() {
        ImageReference ref = ImageReference.parse("golang:1.22");
        assertThat(ref.name()).isEqualTo("registry.hub.docker.com/library/golang");
        assertThat(ref.fullName()).isEqualTo("registry.hub.docker.com/library/golang:1.22");
        ImageReference resolved = ref.withDigest(SHA);
        assertThat(resolved.digest()).isEqualTo(SHA);
        assertThat(resolved.reference()).isEqualTo("golang:1.22");
        assertThat(resolved.tag()).isEqualTo("1.22");
        assertThatThrownBy(() -> ref.withDigest("sha256:nothex")).isInstanceOf(ScanException.class);
    }

    @Test
    void sameImageWrittenDifferentlyHasOneFullName() {
        assertThat(ImageReference.parse("golang").fullName())
                .isEqualTo(ImageReference.parse("library/golang:latest").fullName())
                .isEqualTo(ImageReference.parse("docker.io/library/golang").fullName())
                .isEqualTo(ImageReference.parse("registry.hub.docker.com/golang:latest").fullName());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                          | it is empty
            Node:16                     | repository name 'Node' must be lower-case
            localhost:5000/MyApp        | repository name 'MyApp' must be lower-case
            node:                       | the tag after ':' is empty
            node:-1                     | tag '-1' may have only letters
            node@                       | the digest after '@' is empty
            node@sha256:abc             | digest 'sha256:abc' is not algorithm:hex
            my image                    | it contains whitespace
            a//b                        | has an empty component
            team/-app                   | repository path component '-app'
            reg.io:port/app             | registry 'reg.io:port' is not a valid host[:port]
            :16                         | the repository name is missing
            """)
    void invalidReferencesSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(ScanException.class)
                .hasMessageContaining("invalid image reference '" + text + "'")
                .hasMessageContaining(message)
                .message().doesNotContain("invalid reference format");
    }

    @Test
    void tooLongName() {
        assertThatThrownBy(() -> ImageReference.parse("a".repeat(256)))
                .hasMessageContaining("longer than 255");
    }
}
