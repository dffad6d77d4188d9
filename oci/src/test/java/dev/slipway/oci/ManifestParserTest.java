package dev.slipway.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestParserTest {
    private static final String D1 = "sha256:" + "11".repeat(32);
    private static final String D2 = "sha256:" + "22".repeat(32);
    private static final String D3 = "sha256:" + "33".repeat(32);
    private static final String CONFIG = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + D1 + "\",\"size\":7}";
    private static final String LAYER = "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"" + D2 + "\",\"size\":42}";
    private static final String IMAGE = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":" + CONFIG
            + ",\"layers\":[" + LAYER + "]}";

    @Test
    void parsesAnOciImageManifest() {
        Manifest m = parse(IMAGE, MediaTypes.OCI_MANIFEST);

        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.isIndex()).isFalse();
        assertThat(m.config().digest()).isEqualTo(Digest.parse(D1));
        assertThat(m.config().size()).isEqualTo(7);
        assertThat(m.config().mediaType()).isEqualTo("application/vnd.oci.image.config.v1+json");
        assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(Digest.parse(D2));
        assertThat(m.children()).isEmpty();
        assertThat(m.subject()).isNull();
        assertThat(m.requiredBlobs()).extracting(Descriptor::digest).containsExactly(Digest.parse(D1), Digest.parse(D2));
        assertThat(m.effectiveArtifactType()).isEqualTo("application/vnd.oci.image.config.v1+json");
    }

    @Test
    void aBodyWhoseShapeContradictsTheHeaderIsRejected() {
        String imageWithoutMediaType = "{\"schemaVersion\":2,\"config\":" + CONFIG + ",\"layers\":[" + LAYER + "]}";
        assertInvalid(imageWithoutMediaType, MediaTypes.OCI_INDEX);
        assertInvalid(imageWithoutMediaType, MediaTypes.DOCKER_LIST);
        String indexWithoutMediaType = "{\"schemaVersion\":2,\"manifests\":[]}";
        assertInvalid(indexWithoutMediaType, MediaTypes.OCI_MANIFEST);
        assertThat(parse(imageWithoutMediaType, MediaTypes.OCI_MANIFEST).requiredBlobs()).hasSize(2);
    }

    @Test
    void parsesAnOciIndex() {
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":100,"
                + "\"platform\":{\"os\":\"linux\"},\"annotations\":{\"k\":\"v\"}},"
                + "{\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"digest\":\"" + D2 + "\",\"size\":200}],"
                + "\"annotations\":{\"org.opencontainers.image.created\":\"2024-01-01\"}}";

        Manifest m = parse(index, MediaTypes.OCI_INDEX);

        assertThat(m.isIndex()).isTrue();
        assertThat(m.config()).isNull();
        assertThat(m.layers()).isEmpty();
        assertThat(m.children()).extracting(Descriptor::digest).containsExactly(Digest.parse(D1), Digest.parse(D2));
        assertThat(m.children().getFirst().annotations()).containsEntry("k", "v");
        assertThat(m.requiredBlobs()).isEmpty();
        assertThat(m.annotations()).containsExactly(Map.entry("org.opencontainers.image.created", "2024-01-01"));
        assertThat(m.effectiveArtifactType()).isNull();
    }

    @Test
    void parsesDockerSchema2ManifestAndList() {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + D1 + "\",\"size\":1},\"layers\":[]}";
        String list = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_LIST + "\",\"manifests\":[{\"mediaType\":\""
                + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":1,\"platform\":{\"architecture\":\"amd64\"}}]}";

        assertThat(parse(manifest, MediaTypes.DOCKER_MANIFEST).isIndex()).isFalse();
        Manifest l = parse(list, MediaTypes.DOCKER_LIST);
        assertThat(l.isIndex()).isTrue();
        assertThat(l.mediaType()).isEqualTo(MediaTypes.DOCKER_LIST);
        assertThat(l.children()).hasSize(1);
    }

    @Test
    void readsSubjectArtifactTypeAndAnnotations() {
        String artifact = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"application/vnd.example\","
                + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_EMPTY + "\",\"digest\":\"" + D1 + "\",\"size\":2},\"layers\":[],"
                + "\"subject\":{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D3 + "\",\"size\":9},"
                + "\"annotations\":{\"a\":\"1\",\"b\":\"2\"}}";

        Manifest m = parse(artifact, null);

        assertThat(m.subject().digest()).isEqualTo(Digest.parse(D3));
        assertThat(m.subject().size()).isEqualTo(9);
        assertThat(m.artifactType()).isEqualTo("application/vnd.example");
        assertThat(m.effectiveArtifactType()).isEqualTo("application/vnd.example");
        assertThat(m.annotations()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void contentTypeDecidesWhenTheBodyHasNoMediaType() {
        String noMediaType = "{\"schemaVersion\":2,\"config\":" + CONFIG + "}";

        assertThat(parse(noMediaType, MediaTypes.DOCKER_MANIFEST).mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(parse(noMediaType, MediaTypes.OCI_MANIFEST + "; charset=utf-8").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/octet-stream", "", "application/json; charset=utf-8"})
    void genericContentTypeDefersToTheBody(String contentType) {
        assertThat(parse(IMAGE, contentType).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void shapeDecidesWithoutAnyMediaType() {
        assertThat(parse("{\"schemaVersion\":2,\"config\":" + CONFIG + "}", null).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(parse("{\"schemaVersion\":2,\"manifests\":[]}", null).mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    }

    @Test
    void foreignLayersAreNotRequired() {
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":" + CONFIG + ",\"layers\":["
                + "{\"mediaType\":\"" + MediaTypes.DOCKER_FOREIGN_LAYER + "\",\"digest\":\"" + D2 + "\",\"size\":1},"
                + "{\"mediaType\":\"application/vnd.oci.image.layer.nondistributable.v1.tar+gzip\",\"digest\":\"" + D3 + "\",\"size\":1},"
                + "{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + D3 + "\",\"size\":1,\"urls\":[\"https://x\"]},"
                + LAYER + "]}";

        Manifest m = parse(manifest, null);

        assertThat(m.layers()).hasSize(4);
        assertThat(m.layers().get(2).urls()).containsExactly("https://x");
        assertThat(m.requiredBlobs()).extracting(Descriptor::digest).containsExactly(Digest.parse(D1), Digest.parse(D2));
        assertThat(m.requiredBlobs().get(1).mediaType()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    }

    @Test
    void rejectsAContentTypeThatContradictsTheBody() {
        assertInvalid(IMAGE, MediaTypes.DOCKER_MANIFEST);
        assertInvalid(IMAGE, MediaTypes.OCI_INDEX);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schemaVersion\":2,", "[]", "\"text\"", "null", "", "   ",
        // schema 1
        "{\"schemaVersion\":1,\"name\":\"a\",\"tag\":\"b\",\"fsLayers\":[]}",
        "{\"schemaVersion\":1,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+json\"}",
        // wrong or missing schemaVersion
        "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + "{\"digest\":\"" + "sha256:" + "11111111"
            + "11111111111111111111111111111111111111111111111111111111\",\"size\":1}}",
        "{\"schemaVersion\":3,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}",
        // unsupported media types and shapes
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.artifact.manifest.v1+json\"}",
        "{\"schemaVersion\":2,\"mediaType\":\"text/plain\"}",
        "{\"schemaVersion\":2}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":\"x\"}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":{}}",
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[1]}",
    })
    void rejectsMalformedManifests(String body) {
        assertInvalid(body, null);
    }

    @Test
    void rejectsBadDescriptors() {
        String prefix = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":";
        assertInvalid(prefix + "{\"mediaType\":\"x\",\"size\":1}}", null);
        assertInvalid(prefix + "{\"mediaType\":\"x\",\"digest\":\"sha256:abc\",\"size\":1}}", null);
        assertInvalid(prefix + "{\"mediaType\":\"x\",\"digest\":\"" + D1 + "\"}}", null);
        assertInvalid(prefix + "{\"mediaType\":\"x\",\"digest\":\"" + D1 + "\",\"size\":-1}}", null);
        assertInvalid(prefix + "{\"mediaType\":\"x\",\"digest\":\"" + D1 + "\",\"size\":\"7\"}}", null);
        assertInvalid(prefix + CONFIG + ",\"layers\":" + LAYER + "}", null);
        assertInvalid(prefix + CONFIG + ",\"layers\":[" + LAYER + "],\"subject\":{\"size\":1}}", null);
        assertInvalid(prefix + CONFIG + ",\"annotations\":[\"a\"]}", null);
        assertInvalid(prefix + CONFIG + ",\"layers\":[{\"mediaType\":\"x\",\"digest\":\"" + D1 + "\",\"size\":1,\"annotations\":\"a\"}]}", null);
    }

    @Test
    void rejectsAnIndexWhoseChildrenAreNotManifests() {
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + LAYER + "]}";

        assertInvalid(index, MediaTypes.OCI_INDEX);
    }

    @Test
    void rejectsSchema1ContentTypes() {
        assertInvalid(IMAGE.replace(MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_SCHEMA1_SIGNED), MediaTypes.DOCKER_SCHEMA1_SIGNED);
    }

    private static Manifest parse(String json, String contentType) {
        return ManifestParser.parse(json.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private static void assertInvalid(String json, String contentType) {
        assertThatThrownBy(() -> parse(json, contentType))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.error()).isEqualTo(OciError.MANIFEST_INVALID));
    }
}
