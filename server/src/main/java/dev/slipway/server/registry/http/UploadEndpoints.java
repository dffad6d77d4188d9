package dev.slipway.server.registry.http;

import dev.slipway.oci.Digest;
import dev.slipway.oci.Names;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.registry.Registry;
import dev.slipway.server.registry.UploadStatus;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code /v2/<name>/blobs/uploads/} and {@code /v2/<name>/blobs/uploads/<id>}. */
final class UploadEndpoints {
    /** Advertised to clients: chunks of at least this size keep request counts low (and suit S3 parts). */
    static final int CHUNK_MIN_LENGTH = 5 * 1024 * 1024;

    private final Registry registry;

    UploadEndpoints(Registry registry) {
        this.registry = registry;
    }

    /** @param mayRead repositories the caller may read, the only ones blobs may be mounted from */
    void start(Exchange x, String name, Predicate<String> mayRead) throws IOException {
        Names.repository(name);
        if (!x.method().equals("POST")) {
            throw Exchange.unsupported(x.method(), "POST");
        }
        String mount = x.param("mount");
        if (mount != null) {
            Digest digest = Digest.parse(mount);
            Optional<Long> mounted = registry.mount(name, digest, x.param("from"), mayRead);
            if (mounted.isPresent()) {
                created(x, name, digest);
                return;
            }
        }
        Digest digest = x.digestParam("digest");
        if (digest != null) {
            registry.putBlob(name, digest, x.body());
            created(x, name, digest);
            return;
        }
        UploadStatus s = registry.startUpload(name);
        x.header("OCI-Chunk-Min-Length", CHUNK_MIN_LENGTH);
        accepted(x, s, 202);
    }

    void session(Exchange x, String name, String id) throws IOException {
        Names.repository(name);
        switch (x.method()) {
            case "GET" -> accepted(x, registry.uploadStatus(name, id), 204);
            case "PATCH" -> accepted(x, registry.appendUpload(name, id, rangeStart(x), x.body()), 202);
            case "PUT" -> {
                Digest digest = x.digestParam("digest");
                if (digest == null) {
                    throw new RegistryException(OciError.DIGEST_INVALID, "the digest query parameter is required to finish an upload");
                }
                registry.finishUpload(name, id, digest, x.body());
                created(x, name, digest);
            }
            case "DELETE" -> {
                registry.cancelUpload(name, id);
                x.empty(204);
            }
            default -> throw Exchange.unsupported(x.method(), "GET, PATCH, PUT, DELETE");
        }
    }

    /** The start of {@code Content-Range: <start>-<end>} (also accepts a {@code bytes } prefix and {@code /size}). */
    private static Long rangeStart(Exchange x) {
        String range = x.header("Content-Range");
        if (range == null || range.isBlank()) {
            return null;
        }
        String r = range.trim();
        if (r.startsWith("bytes")) {
            r = r.substring(5).trim().replaceFirst("^=", "");
        }
        int slash = r.indexOf('/');
        if (slash >= 0) {
            r = r.substring(0, slash);
        }
        String[] parts = r.split("-", 2);
        try {
            long start = Long.parseLong(parts[0].trim());
            long end = parts.length > 1 ? Long.parseLong(parts[1].trim()) : -1;
            long length = x.request().getLength();
            if (start < 0 || (end >= 0 && end < start) || (end >= 0 && length >= 0 && end - start + 1 != length)) {
                throw new RegistryException(OciError.RANGE_INVALID, "Content-Range " + range + " does not match the body");
            }
            return start;
        } catch (NumberFormatException e) {
            throw new RegistryException(OciError.RANGE_INVALID, "invalid Content-Range: " + range);
        }
    }

    private static void accepted(Exchange x, UploadStatus s, int status) {
        x.header("Location", "/v2/" + s.repository() + "/blobs/uploads/" + s.id());
        x.header("Range", "0-" + Math.max(0, s.offset() - 1));
        x.header("Docker-Upload-UUID", s.id());
        x.empty(status);
    }

    private static void created(Exchange x, String name, Digest digest) {
        x.header("Location", "/v2/" + name + "/blobs/" + digest);
        x.header("Docker-Content-Digest", digest);
        x.empty(201);
    }
}
