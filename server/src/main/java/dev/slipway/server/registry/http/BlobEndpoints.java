package dev.slipway.server.registry.http;

import dev.slipway.oci.Digest;
import dev.slipway.oci.Names;
import dev.slipway.server.registry.BlobContent;
import dev.slipway.server.registry.Registry;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContent;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * {@code /v2/<name>/blobs/<digest>}. Bytes are served by Jetty's file path (ResourceService), which
 * handles HEAD, Range (206/416) and conditional requests and copies with large pooled buffers.
 */
final class BlobEndpoints {
    private static final int SERVE_BUFFER = 512 * 1024;

    private final Registry registry;
    private final ResourceService files = new ResourceService();
    private final ResourceFactory resources = ResourceFactory.root();
    private final ByteBufferPool pool;
    private final ByteBufferPool.Sized buffers;

    BlobEndpoints(Registry registry, ByteBufferPool pool) {
        this.registry = registry;
        this.pool = pool;
        this.buffers = new ByteBufferPool.Sized(pool, true, SERVE_BUFFER);
        files.setAcceptRanges(true);
        files.setEtags(false);
    }

    void handle(Exchange x, String name, String digestText) {
        Names.repository(name);
        Digest digest = Digest.parse(digestText);
        switch (x.method()) {
            case "HEAD" -> {
                // Jetty's file path would read (and discard) the whole file for a HEAD; clients HEAD every layer
                // before pushing it, so answer from the metadata alone. A Range on HEAD is ignored (RFC 9110 allows).
                BlobContent blob = registry.blob(name, digest);
                x.header("Docker-Content-Digest", digest);
                x.header("ETag", "\"" + digest + "\"");
                x.header("Accept-Ranges", "bytes");
                x.header("Content-Type", "application/octet-stream");
                x.response().setStatus(200);
                x.response().getHeaders().put("Content-Length", blob.size());
                x.response().write(true, null, x.callback());
            }
            case "GET" -> {
                BlobContent blob = registry.blob(name, digest);
                x.header("Docker-Content-Digest", digest);
                x.header("ETag", "\"" + digest + "\"");
                // Small blobs get small buffers: a 4 KiB layer must not cost a 512 KiB copy buffer.
                ByteBufferPool.Sized sized = blob.size() >= SERVE_BUFFER ? buffers
                        : new ByteBufferPool.Sized(pool, true, (int) Math.max(4096, blob.size()));
                HttpContent content = new ResourceHttpContent(resources.newResource(blob.file()), "application/octet-stream", sized);
                files.doGet(x.request(), x.response(), x.callback(), content);
            }
            case "DELETE" -> {
                registry.deleteBlob(name, digest);
                x.empty(202);
            }
            default -> throw Exchange.unsupported(x.method(), "GET, HEAD, DELETE");
        }
    }
}
