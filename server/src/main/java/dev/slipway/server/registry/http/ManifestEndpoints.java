package dev.slipway.server.registry.http;

import dev.slipway.oci.Names;
import dev.slipway.server.meta.ManifestRecord;
import dev.slipway.server.registry.ManifestContent;
import dev.slipway.server.registry.PutManifestResult;
import dev.slipway.server.registry.Registry;
import java.io.IOException;

/** {@code /v2/<name>/manifests/<reference>}. */
final class ManifestEndpoints {
    private final Registry registry;

    ManifestEndpoints(Registry registry) {
        this.registry = registry;
    }

    void handle(Exchange x, String name, String reference) throws IOException {
        Names.repository(name);
        switch (x.method()) {
            case "GET" -> {
                ManifestContent m = registry.manifest(name, reference);
                describe(x, m.record());
                x.bytes(200, m.record().mediaType(), m.bytes());
            }
            case "HEAD" -> {
                ManifestRecord r = registry.headManifest(name, reference);
                describe(x, r);
                x.response().getHeaders().put("Content-Type", r.mediaType());
                x.response().getHeaders().put("Content-Length", r.size());
                x.response().setStatus(200);
                x.response().write(true, null, x.callback());
            }
            case "PUT" -> {
                byte[] body = x.bodyBytes(Registry.maxManifestBytes());
                PutManifestResult result = registry.putManifest(name, reference, x.header("Content-Type"), body);
                x.header("Location", "/v2/" + name + "/manifests/" + result.digest());
                x.header("Docker-Content-Digest", result.digest());
                if (result.subject() != null) {
                    x.header("OCI-Subject", result.subject());
                }
                x.empty(201);
            }
            case "DELETE" -> {
                registry.deleteManifest(name, reference);
                x.empty(202);
            }
            default -> throw Exchange.unsupported(x.method(), "GET, HEAD, PUT, DELETE");
        }
    }

    private static void describe(Exchange x, ManifestRecord r) {
        x.header("Docker-Content-Digest", r.digest());
        x.header("ETag", "\"" + r.digest() + "\"");
        if (r.subject() != null) {
            x.header("OCI-Subject", r.subject());
        }
    }
}
