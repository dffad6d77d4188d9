package dev.slipway.server.registry.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcrRouteTest {
    @Test
    void parsesFromTheEndSoNamesMayContainSlashes() {
        assertThat(AcrRoute.parse("/acr/v1/_catalog")).isEqualTo(new AcrRoute.Catalog());
        assertThat(AcrRoute.parse("/acr/v1/app")).isEqualTo(new AcrRoute.Repository("app"));
        assertThat(AcrRoute.parse("/acr/v1/team/sub/app")).isEqualTo(new AcrRoute.Repository("team/sub/app"));
        assertThat(AcrRoute.parse("/acr/v1/team/app/_tags")).isEqualTo(new AcrRoute.Tags("team/app"));
        assertThat(AcrRoute.parse("/acr/v1/team/app/_tags/v1.0")).isEqualTo(new AcrRoute.Tag("team/app", "v1.0"));
        assertThat(AcrRoute.parse("/acr/v1/app/_tags/_tags")).isEqualTo(new AcrRoute.Tag("app", "_tags"));
        assertThat(AcrRoute.parse("/acr/v1/team/app/_manifests")).isEqualTo(new AcrRoute.Manifests("team/app"));
        assertThat(AcrRoute.parse("/acr/v1/team/app/_manifests/sha256:abc"))
                .isEqualTo(new AcrRoute.Manifest("team/app", "sha256:abc"));
        // A repository may be called _tags's parent, never "_tags" itself.
        assertThat(AcrRoute.parse("/acr/v1/_tags")).isInstanceOf(AcrRoute.Unknown.class);
    }

    @Test
    void unknownPaths() {
        assertThat(AcrRoute.parse("/acr/v1")).isInstanceOf(AcrRoute.Unknown.class);
        assertThat(AcrRoute.parse("/acr/v1/")).isInstanceOf(AcrRoute.Unknown.class);
        assertThat(AcrRoute.parse("/acr/v1/app/")).isInstanceOf(AcrRoute.Unknown.class);
        assertThat(AcrRoute.parse("/acr/v1/_deleted/_catalog")).isInstanceOf(AcrRoute.Unknown.class);
    }

    @Test
    void scopesFollowTheMethod() {
        assertThat(AcrHandler.scopeOf(new AcrRoute.Repository("app"), "GET").render()).isEqualTo("repository:app:metadata_read");
        assertThat(AcrHandler.scopeOf(new AcrRoute.Repository("app"), "PATCH").render()).isEqualTo("repository:app:metadata_write");
        assertThat(AcrHandler.scopeOf(new AcrRoute.Repository("app"), "DELETE").render()).isEqualTo("repository:app:delete");
        assertThat(AcrHandler.scopeOf(new AcrRoute.Tag("app", "v1"), "DELETE").render()).isEqualTo("repository:app:metadata_write");
        assertThat(AcrHandler.scopeOf(new AcrRoute.Manifest("app", "sha256:a"), "PATCH").render()).isEqualTo("repository:app:metadata_write");
        assertThat(AcrHandler.scopeOf(new AcrRoute.Manifests("app"), "GET").render()).isEqualTo("repository:app:metadata_read");
        assertThat(AcrHandler.scopeOf(new AcrRoute.Catalog(), "GET").render()).isEqualTo("registry:catalog:*");
        assertThat(AcrHandler.scopeOf(new AcrRoute.Unknown("/acr/v1/"), "GET")).isNull();
    }
}
