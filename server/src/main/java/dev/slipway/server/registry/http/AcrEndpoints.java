package dev.slipway.server.registry.http;

import dev.slipway.oci.Digest;
import dev.slipway.oci.Names;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.auth.Credentials;
import dev.slipway.server.meta.ListOrder;
import dev.slipway.server.registry.AttributeChange;
import dev.slipway.server.registry.Listing;
import dev.slipway.server.registry.ManifestDetails;
import dev.slipway.server.registry.Page;
import dev.slipway.server.registry.Registry;
import dev.slipway.server.registry.RepositoryDetails;
import dev.slipway.server.registry.TagDetails;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The /acr/v1 endpoints: the catalog, repository, tag and manifest details, their changeable attributes
 * (PATCH, audited), repository delete and untag. {@code registry} is the login server name shown in answers.
 */
final class AcrEndpoints {
    private final Registry registry;
    private final Credentials audit;

    AcrEndpoints(Registry registry, Credentials audit) {
        this.registry = registry;
        this.audit = audit;
    }

    void catalog(Exchange x, Predicate<String> visible) {
        requireGet(x);
        int n = ListingEndpoints.pageSize(x);
        Page page = registry.catalog(x.param("last"), n, visible);
        link(x, "/acr/v1/_catalog", n, page.more() ? page.lastItem() : null, null);
        x.json(200, Map.of("repositories", page.items()));
    }

    void repository(Exchange x, String reg, String name, String actor) throws IOException {
        Names.repository(name);
        switch (x.method()) {
            case "GET", "HEAD" -> x.json(200, AcrViews.repository(reg, registry.repository(name)));
            case "PATCH" -> {
                AttributeChange change = change(x);
                RepositoryDetails updated = registry.updateRepository(name, change);
                audited(actor, "repository/" + name, change);
                x.json(200, AcrViews.repository(reg, updated));
            }
            case "DELETE" -> {
                registry.deleteRepository(name);
                x.empty(202);
            }
            default -> throw Exchange.unsupported(x.method(), "GET, HEAD, PATCH, DELETE");
        }
    }

    void tags(Exchange x, String reg, String name) {
        Names.repository(name);
        requireGet(x);
        int n = ListingEndpoints.pageSize(x);
        String orderby = x.param("orderby");
        Listing<TagDetails> page = registry.tagDetails(name, order(orderby), x.param("last"), n);
        link(x, "/acr/v1/" + name + "/_tags", n, page.more() ? page.lastItem().tag().name() : null, orderby);
        x.json(200, AcrViews.tags(reg, name, page.items()));
    }

    void tag(Exchange x, String reg, String name, String tag, String actor) throws IOException {
        Names.repository(name);
        Names.tag(tag);
        switch (x.method()) {
            case "GET", "HEAD" -> x.json(200, AcrViews.tag(reg, name, registry.tagDetails(name, tag)));
            case "PATCH" -> {
                AttributeChange change = change(x);
                TagDetails updated = registry.updateTag(name, tag, change);
                audited(actor, "repository/" + name + ":" + tag, change);
                x.json(200, AcrViews.tag(reg, name, updated));
            }
            case "DELETE" -> {
                registry.untag(name, tag);
                x.empty(202);
            }
            default -> throw Exchange.unsupported(x.method(), "GET, HEAD, PATCH, DELETE");
        }
    }

    void manifests(Exchange x, String reg, String name) {
        Names.repository(name);
        requireGet(x);
        int n = ListingEndpoints.pageSize(x);
        String orderby = x.param("orderby");
        Listing<ManifestDetails> page = registry.manifestDetails(name, order(orderby), x.param("last"), n);
        link(x, "/acr/v1/" + name + "/_manifests", n, page.more() ? page.lastItem().manifest().digest().toString() : null, orderby);
        x.json(200, AcrViews.manifests(reg, name, page.items()));
    }

    void manifest(Exchange x, String reg, String name, String digestText, String actor) throws IOException {
        Names.repository(name);
        Digest digest = Digest.parse(digestText);
        switch (x.method()) {
            case "GET", "HEAD" -> x.json(200, AcrViews.manifest(reg, name, registry.manifestDetails(name, digest)));
            case "PATCH" -> {
                AttributeChange change = change(x);
                ManifestDetails updated = registry.updateManifest(name, digest, change);
                audited(actor, "repository/" + name + "@" + digest, change);
                x.json(200, AcrViews.manifest(reg, name, updated));
            }
            default -> throw Exchange.unsupported(x.method(), "GET, HEAD, PATCH");
        }
    }

    private static AttributeChange change(Exchange x) throws IOException {
        return AttributeBody.parse(x.bodyBytes(AttributeBody.MAX_BYTES));
    }

    private void audited(String actor, String target, AttributeChange change) {
        if (!change.isEmpty()) {
            audit.audit(actor, "lock.update", target, change.describe());
        }
    }

    /** {@code orderby}: absent = by name (tags) or digest (manifests); {@code timeasc} or {@code timedesc}. */
    private static ListOrder order(String orderby) {
        if (orderby == null || orderby.isEmpty()) {
            return ListOrder.NAME;
        }
        return switch (orderby) {
            case "timeasc" -> ListOrder.TIME_ASC;
            case "timedesc" -> ListOrder.TIME_DESC;
            default -> throw new RegistryException(OciError.BAD_REQUEST, "orderby must be timeasc or timedesc, not " + orderby);
        };
    }

    private static void requireGet(Exchange x) {
        if (!x.method().equals("GET") && !x.isHead()) {
            throw Exchange.unsupported(x.method(), "GET, HEAD");
        }
    }

    private static void link(Exchange x, String path, int n, String last, String orderby) {
        if (last != null) {
            StringBuilder next = new StringBuilder(path).append("?n=").append(n)
                    .append("&last=").append(URLEncoder.encode(last, StandardCharsets.UTF_8));
            if (orderby != null && !orderby.isEmpty()) {
                next.append("&orderby=").append(URLEncoder.encode(orderby, StandardCharsets.UTF_8));
            }
            x.header("Link", "<" + next + ">; rel=\"next\"");
        }
    }
}
