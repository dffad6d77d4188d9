package dev.slipway.server.registry.http;

import dev.slipway.oci.Digest;
import dev.slipway.oci.MediaTypes;
import dev.slipway.oci.Names;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.meta.ManifestRecord;
import dev.slipway.server.registry.Page;
import dev.slipway.server.registry.Registry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Tag lists, the catalog and the referrers API. */
final class ListingEndpoints {
    /** Pages are capped so one request cannot ask for everything; the Link header leads on. */
    static final int MAX_PAGE = 10_000;

    private final Registry registry;

    ListingEndpoints(Registry registry) {
        this.registry = registry;
    }

    void tags(Exchange x, String name) {
        Names.repository(name);
        requireGet(x);
        int n = pageSize(x);
        Page page = registry.tags(name, x.param("last"), n);
        link(x, "/v2/" + name + "/tags/list", n, page);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tags", page.items());
        x.json(200, body);
    }

    void catalog(Exchange x, Predicate<String> visible) {
        requireGet(x);
        int n = pageSize(x);
        Page page = registry.catalog(x.param("last"), n, visible);
        link(x, "/v2/_catalog", n, page);
        x.json(200, Map.of("repositories", page.items()));
    }

    void referrers(Exchange x, String name, String digestText) {
        Names.repository(name);
        requireGet(x);
        Digest subject = Digest.parse(digestText);
        String artifactType = x.param("artifactType");
        List<Map<String, Object>> descriptors = registry.referrers(name, subject, artifactType).stream()
                .map(ListingEndpoints::descriptor).toList();
        if (artifactType != null) {
            x.header("OCI-Filters-Applied", "artifactType");
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", descriptors);
        x.bytes(200, MediaTypes.OCI_INDEX, Json.bytes(index));
    }

    private static Map<String, Object> descriptor(ManifestRecord r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", r.mediaType());
        d.put("digest", r.digest().toString());
        d.put("size", r.size());
        if (r.artifactType() != null) {
            d.put("artifactType", r.artifactType());
        }
        if (!r.annotations().isEmpty()) {
            d.put("annotations", r.annotations());
        }
        return d;
    }

    private static void requireGet(Exchange x) {
        if (!x.method().equals("GET") && !x.isHead()) {
            throw Exchange.unsupported(x.method(), "GET, HEAD");
        }
    }

    static int pageSize(Exchange x) {
        String n = x.param("n");
        if (n == null || n.isEmpty()) {
            return MAX_PAGE;
        }
        try {
            int value = Integer.parseInt(n);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Math.min(value, MAX_PAGE);
        } catch (NumberFormatException e) {
            throw new RegistryException(OciError.PAGINATION_NUMBER_INVALID, "n must be a non-negative integer, not " + n);
        }
    }

    private static void link(Exchange x, String path, int n, Page page) {
        if (page.more() && page.lastItem() != null) {
            x.header("Link", "<" + path + "?n=" + n + "&last=" + URLEncoder.encode(page.lastItem(), StandardCharsets.UTF_8)
                    + ">; rel=\"next\"");
        }
    }
}
