package dev.slipway.server.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteTest {
    private static final String DIGEST = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String UUID = "0b4f1a6e-63a4-4b5e-9d3c-7f0e6a1c2d3b";

    @ParameterizedTest
    @ValueSource(strings = {"/v2", "/v2/"})
    void base(String path) {
        assertThat(Route.parse(path)).isEqualTo(new Route.Base());
    }

    @Test
    void catalog() {
        assertThat(Route.parse("/v2/_catalog")).isEqualTo(new Route.Catalog());
    }

    @Test
    void tags() {
        assertThat(Route.parse("/v2/ubuntu/tags/list")).isEqualTo(new Route.Tags("ubuntu"));
        assertThat(Route.parse("/v2/library/ubuntu/tags/list")).isEqualTo(new Route.Tags("library/ubuntu"));
    }

    @Test
    void manifests() {
        assertThat(Route.parse("/v2/a/b/c/manifests/latest")).isEqualTo(new Route.Manifest("a/b/c", "latest"));
        assertThat(Route.parse("/v2/a/manifests/" + DIGEST)).isEqualTo(new Route.Manifest("a", DIGEST));
    }

    @Test
    void blobs() {
        assertThat(Route.parse("/v2/library/ubuntu/blobs/" + DIGEST)).isEqualTo(new Route.Blob("library/ubuntu", DIGEST));
    }

    @Test
    void uploadsWithAndWithoutTrailingSlash() {
        assertThat(Route.parse("/v2/library/ubuntu/blobs/uploads/")).isEqualTo(new Route.Uploads("library/ubuntu"));
        assertThat(Route.parse("/v2/library/ubuntu/blobs/uploads")).isEqualTo(new Route.Uploads("library/ubuntu"));
    }

    @Test
    void uploadSession() {
        assertThat(Route.parse("/v2/library/ubuntu/blobs/uploads/" + UUID)).isEqualTo(new Route.Upload("library/ubuntu", UUID));
    }

    @Test
    void referrers() {
        assertThat(Route.parse("/v2/a/b/referrers/" + DIGEST)).isEqualTo(new Route.Referrers("a/b", DIGEST));
    }

    @Test
    void namesMayContainEndpointWords() {
        assertThat(Route.parse("/v2/blobs/manifests/latest")).isEqualTo(new Route.Manifest("blobs", "latest"));
        assertThat(Route.parse("/v2/manifests/blobs/" + DIGEST)).isEqualTo(new Route.Blob("manifests", DIGEST));
        assertThat(Route.parse("/v2/a/manifests/blobs/uploads/" + UUID)).isEqualTo(new Route.Upload("a/manifests", UUID));
        assertThat(Route.parse("/v2/tags/list/tags/list")).isEqualTo(new Route.Tags("tags/list"));
        assertThat(Route.parse("/v2/_catalog/manifests/v1")).isEqualTo(new Route.Manifest("_catalog", "v1"));
        assertThat(Route.parse("/v2/referrers/referrers/" + DIGEST)).isEqualTo(new Route.Referrers("referrers", DIGEST));
    }

    @Test
    void emptyAndOddNamesAreLeftForValidation() {
        assertThat(Route.parse("/v2//manifests/latest")).isEqualTo(new Route.Manifest("", "latest"));
        assertThat(Route.parse("/v2/a//manifests/latest")).isEqualTo(new Route.Manifest("a/", "latest"));
        assertThat(Route.parse("/v2/a/../b/tags/list")).isEqualTo(new Route.Tags("a/../b"));
        assertThat(Route.parse("/v2//blobs/uploads/")).isEqualTo(new Route.Uploads(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v2/x", "/v2/_catalog/", "/v2/a/manifests/", "/v2/a/blobs/", "/v2/a/tags", "/v2/a/tags/list/",
        "/v2/a/unknown/thing", "/v2/a/referrers/", "/v2/manifests/latest", "/v2/a/b"})
    void unknown(String path) {
        assertThat(Route.parse(path)).isEqualTo(new Route.Unknown(path));
    }
}
