package dev.slipway.server.registry.http;

import static dev.slipway.server.registry.http.RegistryServer.OCI_MANIFEST;
import static dev.slipway.server.registry.http.RegistryServer.assertError;
import static dev.slipway.server.registry.http.RegistryServer.header;
import static dev.slipway.server.registry.http.RegistryServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.server.registry.http.RegistryServer.Pushed;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /v2/<name>/tags/list} and {@code /v2/_catalog}: lexical order and {@code n}/{@code last} pagination with
 * {@code Link} headers. The server holds only the repositories pushed in {@link #push()}, so the catalog is exact.
 */
class ListingApiTest {
    @RegisterExtension
    static final RegistryServer registry = new RegistryServer();

    /** Lexical (code point) order: '.' < digits < upper case < lower case, and "1.0" < "10". */
    private static final List<String> TAGS = List.of("1.0", "1.1", "10", "2", "A", "a", "latest", "v1_x");
    private static final List<String> REPOSITORIES = List.of("alpha", "alpha-beta", "alpha/beta", "list/empty", "list/tags", "zeta");
    private static final Pattern NEXT = Pattern.compile("<(/v2/[^>]+)>; rel=\"next\"");

    @BeforeAll
    static void push() {
        Pushed image = registry.pushImage("list/tags", "v1_x", "listing");
        for (String tag : List.of("latest", "2", "a", "1.1", "A", "10", "1.0")) {
            registry.pushManifest("list/tags", tag, OCI_MANIFEST, image.bytes());
        }
        registry.pushBlob("list/empty", "a repository with a blob and no tags");
        for (String repository : List.of("zeta", "alpha/beta", "alpha", "alpha-beta")) {
            registry.pushImage(repository, "v1", repository);
        }
    }

    @Test
    void tagsAreListedInLexicalOrder() {
        HttpResponse<byte[]> r = registry.get("/v2/list/tags/tags/list");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Content-Type")).startsWith("application/json");
        assertThat(header(r, "Link")).isNull();
        JsonNode body = json(r);
        assertThat(body.path("name").asText()).isEqualTo("list/tags");
        assertThat(strings(body.get("tags"))).containsExactlyElementsOf(TAGS);
    }

    @Test
    void tagsArePagedWithNAndLink() {
        HttpResponse<byte[]> r = registry.get("/v2/list/tags/tags/list?n=3");

        assertThat(strings(json(r).get("tags"))).containsExactly("1.0", "1.1", "10");
        assertThat(header(r, "Link")).isEqualTo("</v2/list/tags/tags/list?n=3&last=10>; rel=\"next\"");
    }

    @Test
    void followingLinksVisitsEveryTagOnce() {
        assertThat(followAll("/v2/list/tags/tags/list?n=3", "tags")).containsExactlyElementsOf(TAGS);
        assertThat(followAll("/v2/list/tags/tags/list?n=1", "tags")).containsExactlyElementsOf(TAGS);
    }

    @Test
    void lastStartsAfterTheGivenTag() {
        assertThat(strings(json(registry.get("/v2/list/tags/tags/list?last=A")).get("tags"))).containsExactly("a", "latest", "v1_x");
        assertThat(strings(json(registry.get("/v2/list/tags/tags/list?last=b")).get("tags"))).containsExactly("latest", "v1_x");
        assertThat(strings(json(registry.get("/v2/list/tags/tags/list?n=2&last=1.1")).get("tags"))).containsExactly("10", "2");
        assertThat(strings(json(registry.get("/v2/list/tags/tags/list?last=v1_x")).get("tags"))).isEmpty();
    }

    @Test
    void noLinkWhenThePageEndsTheList() {
        HttpResponse<byte[]> exact = registry.get("/v2/list/tags/tags/list?n=" + TAGS.size());
        HttpResponse<byte[]> tail = registry.get("/v2/list/tags/tags/list?n=2&last=latest");

        assertThat(strings(json(exact).get("tags"))).containsExactlyElementsOf(TAGS);
        assertThat(header(exact, "Link")).isNull();
        assertThat(strings(json(tail).get("tags"))).containsExactly("v1_x");
        assertThat(header(tail, "Link")).isNull();
    }

    @Test
    void zeroGivesAnEmptyList() {
        HttpResponse<byte[]> r = registry.get("/v2/list/tags/tags/list?n=0");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("tags").isArray()).isTrue();
        assertThat(json(r).get("tags")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1.5"})
    void invalidNIs400(String n) {
        assertError(registry.get("/v2/list/tags/tags/list?n=" + n), 400, "PAGINATION_NUMBER_INVALID");
        assertError(registry.get("/v2/_catalog?n=" + n), 400, "PAGINATION_NUMBER_INVALID");
    }

    @Test
    void repositoryWithoutTagsHasAnEmptyList() {
        HttpResponse<byte[]> r = registry.get("/v2/list/empty/tags/list");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("tags")).isEmpty();
    }

    @Test
    void unknownRepositoryIs404NameUnknown() {
        assertError(registry.get("/v2/list/unknown/tags/list"), 404, "NAME_UNKNOWN");
    }

    @Test
    void headOfTagsHasNoBody() {
        HttpResponse<byte[]> r = registry.head("/v2/list/tags/tags/list");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void catalogListsRepositoriesInLexicalOrder() {
        HttpResponse<byte[]> r = registry.get("/v2/_catalog");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "Link")).isNull();
        assertThat(strings(json(r).get("repositories"))).containsExactlyElementsOf(REPOSITORIES);
    }

    @Test
    void catalogIsPagedWithNAndLastAndLink() {
        HttpResponse<byte[]> first = registry.get("/v2/_catalog?n=2");
        HttpResponse<byte[]> second = registry.get("/v2/_catalog?n=2&last=alpha-beta");

        assertThat(strings(json(first).get("repositories"))).containsExactly("alpha", "alpha-beta");
        assertThat(header(first, "Link")).isEqualTo("</v2/_catalog?n=2&last=alpha-beta>; rel=\"next\"");
        assertThat(strings(json(second).get("repositories"))).containsExactly("alpha/beta", "list/empty");
        assertThat(header(second, "Link")).isEqualTo("</v2/_catalog?n=2&last=list%2Fempty>; rel=\"next\"");
        assertThat(followAll("/v2/_catalog?n=4", "repositories")).containsExactlyElementsOf(REPOSITORIES);
        assertThat(followAll("/v2/_catalog?n=1", "repositories")).containsExactlyElementsOf(REPOSITORIES);
    }

    @Test
    void catalogEdges() {
        HttpResponse<byte[]> last = registry.get("/v2/_catalog?n=5&last=list/tags");
        HttpResponse<byte[]> zero = registry.get("/v2/_catalog?n=0");

        assertThat(strings(json(last).get("repositories"))).containsExactly("zeta");
        assertThat(header(last, "Link")).isNull();
        assertThat(zero.statusCode()).isEqualTo(200);
        assertThat(json(zero).get("repositories")).isEmpty();
    }

    /** Follows {@code Link: <…>; rel="next"} from the first page to the last and collects every item. */
    private static List<String> followAll(String path, String field) {
        List<String> all = new ArrayList<>();
        String next = path;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages followed").isLessThan(100);
            HttpResponse<byte[]> r = registry.get(next);
            assertThat(r.statusCode()).isEqualTo(200);
            all.addAll(strings(json(r).get(field)));
            String link = header(r, "Link");
            if (link == null) {
                next = null;
            } else {
                Matcher m = NEXT.matcher(link);
                assertThat(m.matches()).as("Link header %s", link).isTrue();
                next = m.group(1);
            }
        }
        return all;
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array).isNotNull();
        assertThat(array.isArray()).isTrue();
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
