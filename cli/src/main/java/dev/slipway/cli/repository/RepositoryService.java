package dev.slipway.cli.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.CliException;
import dev.slipway.cli.support.Json;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Repositories, tags and manifests: metadata and locks through {@code /acr/v1}, listings and deletes through {@code /v2}. */
final class RepositoryService {
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final String MANIFEST_TYPES = String.join(", ", "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final int PAGE = 1000;

    private final Api api;

    RepositoryService(Api api) {
        this.api = api;
    }

    /** Every repository name, following the catalog's {@code Link} pages. */
    ArrayNode list() {
        ArrayNode out = Json.array();
        String path = "/v2/_catalog?n=" + PAGE;
        while (path != null) {
            Api.Response r = api.send("GET", path, null, Map.of());
            api.check("GET", path, r);
            json(r).path("repositories").forEach(out::add);
            path = next(r).orElse(null);
        }
        return out;
    }

    JsonNode show(Target t) {
        return api.get(t.acrPath());
    }

    /** Sets the given changeable attributes ({@code writeEnabled}...) and returns the object as it now is. */
    JsonNode update(Target t, ObjectNode attributes) {
        JsonNode r = api.patch(t.acrPath(), attributes);
        return r != null ? r : api.get(t.acrPath());
    }

    /** Tags in the given order ({@code timedesc}/{@code timeasc}, or by name); {@code top} caps the count. */
    ArrayNode tags(String repository, String orderby, Integer top) {
        ArrayNode out = Json.array();
        StringBuilder q = new StringBuilder("/acr/v1/").append(Api.repo(repository)).append("/_tags?n=")
                .append(top != null ? top : PAGE);
        if (orderby != null) {
            q.append("&orderby=").append(orderby);
        }
        String path = q.toString();
        while (path != null) {
            Api.Response r = api.send("GET", path, null, Map.of());
            api.check("GET", path, r);
            for (JsonNode tag : json(r).path("tags")) {
                if (top != null && out.size() >= top) {
                    return out;
                }
                out.add(tag);
            }
            path = top != null && out.size() >= top ? null : next(r).orElse(null);
        }
        return out;
    }

    void untag(Target t) {
        api.delete(t.acrPath());
    }

    JsonNode deleteRepository(String repository) {
        return api.delete(Target.repository(repository).acrPath());
    }

    /** Deletes a manifest by digest (with every tag pointing at it). */
    JsonNode deleteManifest(String repository, String digest) {
        api.delete("/v2/" + Api.repo(repository) + "/manifests/" + Api.seg(digest));
        ObjectNode o = Json.object();
        o.put("repository", repository);
        o.putArray("manifestsDeleted").add(digest);
        return o;
    }

    /** The digest a tag points at. */
    String resolve(String repository, String tag) {
        String path = "/v2/" + Api.repo(repository) + "/manifests/" + Api.seg(tag);
        Api.Response r = api.send("HEAD", path, null, Map.of("Accept", MANIFEST_TYPES));
        if (r.status() == 404) {
            throw CliException.failed("image " + repository + ":" + tag + " does not exist");
        }
        api.check("HEAD", path, r);
        return r.header("Docker-Content-Digest").orElseThrow(() ->
                CliException.failed("the registry did not say which manifest " + repository + ":" + tag + " is"));
    }

    private static JsonNode json(Api.Response r) {
        try {
            return r.body().length == 0 ? Json.object() : Json.MAPPER.readTree(r.body());
        } catch (java.io.IOException e) {
            throw CliException.failed("the registry answered with something that is not JSON");
        }
    }

    /** The next page from a {@code Link: </v2/...>; rel="next"} header (a path on the same registry). */
    static Optional<String> next(Api.Response r) {
        return r.header("Link").map(NEXT::matcher).filter(Matcher::find).map(m -> {
            String link = m.group(1);
            int scheme = link.indexOf("://");
            return scheme >= 0 ? link.substring(link.indexOf('/', scheme + 3)) : link;
        });
    }
}
