package dev.slipway.server.registry.http;

import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.auth.Caller;
import dev.slipway.server.auth.Gate;
import dev.slipway.server.registry.Registry;
import java.util.Map;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;

/** The OCI Distribution / Docker Registry v2 data plane: its own small route table over {@code /v2}. */
public final class V2Handler extends Handler.Abstract {
    private final ManifestEndpoints manifests;
    private final BlobEndpoints blobs;
    private final UploadEndpoints uploads;
    private final ListingEndpoints listings;
    private final AccessCheck access;

    /** @param service the token service name; null = the Host the client used */
    public V2Handler(Registry registry, ByteBufferPool pool, Gate gate, String service) {
        super(InvocationType.BLOCKING);
        this.access = new AccessCheck(gate, service);
        this.manifests = new ManifestEndpoints(registry);
        this.blobs = new BlobEndpoints(registry, pool);
        this.uploads = new UploadEndpoints(registry);
        this.listings = new ListingEndpoints(registry);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        // Percent-decoded but not normalised: "a/../b" must stay an invalid name, not become "b".
        String rawPath = request.getHttpURI().getPath();
        String path = rawPath == null ? null : URIUtil.decodePath(rawPath);
        if (path == null || !(path.equals("/v2") || path.startsWith("/v2/"))) {
            return false;
        }
        response.getHeaders().put("Docker-Distribution-API-Version", "registry/2.0");
        Exchange x;
        try {
            x = Exchange.of(request, response, callback);
            Route route = Route.parse(path);
            Caller caller = access.check(x, route);
            dispatch(x, route, caller);
        } catch (Throwable failure) {
            ErrorResponses.write(request, response, callback, failure);
        }
        return true;
    }

    private void dispatch(Exchange x, Route route, Caller caller) throws Exception {
        switch (route) {
            case Route.Base b -> {
                if (!x.method().equals("GET") && !x.isHead()) {
                    throw Exchange.unsupported(x.method(), "GET, HEAD");
                }
                x.json(200, Map.of());
            }
            case Route.Catalog c -> listings.catalog(x, access.gate().readable(caller));
            case Route.Tags t -> listings.tags(x, t.name());
            case Route.Manifest m -> manifests.handle(x, m.name(), m.reference());
            case Route.Blob b -> blobs.handle(x, b.name(), b.digest());
            case Route.Uploads u -> uploads.start(x, u.name(), access.gate().readable(caller));
            case Route.Upload u -> uploads.session(x, u.name(), u.id());
            case Route.Referrers r -> listings.referrers(x, r.name(), r.digest());
            case Route.Unknown u -> throw new RegistryException(OciError.NOT_FOUND, "no such endpoint: " + u.path());
        }
    }
}
