package dev.slipway.server.registry;

import dev.slipway.oci.Digest;
import dev.slipway.oci.Names;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.meta.ManifestRecord;
import dev.slipway.server.meta.MetadataStore;
import dev.slipway.server.storage.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The registry domain: blobs, uploads, manifests, tags and referrers of named repositories. */
public final class Registry {
    private final MetadataStore meta;
    private final BlobStore blobs;
    private final Uploads uploads;
    private final Manifests manifests;

    public Registry(MetadataStore meta, BlobStore blobs, Clock clock, boolean singleWriter) {
        this.meta = meta;
        this.blobs = blobs;
        this.uploads = new Uploads(meta, blobs, clock);
        this.manifests = new Manifests(meta, blobs, singleWriter);
    }

    public static int maxManifestBytes() {
        return Manifests.MAX_MANIFEST_BYTES;
    }

    // ---- blobs

    public BlobContent blob(String repository, Digest digest) {
        long size = meta.linkedBlobSize(repository, digest);
        if (size < 0 || blobs.size(digest) != size) {
            throw blobUnknown(repository, digest);
        }
        return new BlobContent(digest, size, blobs.file(digest));
    }

    public void deleteBlob(String repository, Digest digest) {
        if (!meta.unlinkBlob(repository, digest)) {
            throw blobUnknown(repository, digest);
        }
    }

    /**
     * Makes a blob another repository holds available in this one. With {@code from} null, any repository
     * holding it that the caller may read will do. Empty when there is no such blob to mount.
     */
    public Optional<Long> mount(String repository, Digest digest, String from, Predicate<String> mayRead) {
        String source = from != null
                ? (mayRead.test(Names.repository(from)) ? from : null)
                : meta.repositoriesWithBlob(digest, 100).stream().filter(mayRead).findFirst().orElse(null);
        if (source == null) {
            return Optional.empty();
        }
        long size = meta.linkedBlobSize(source, digest);
        if (size < 0 || blobs.size(digest) != size) {
            return Optional.empty();
        }
        meta.linkBlob(repository, digest, size);
        return Optional.of(size);
    }

    // ---- uploads

    public UploadStatus startUpload(String repository) throws IOException {
        return uploads.start(repository);
    }

    public long putBlob(String repository, Digest digest, Body body) throws IOException {
        UploadStatus s = uploads.start(repository);
        return uploads.finish(repository, s.id(), digest, body);
    }

    public UploadStatus uploadStatus(String repository, String id) throws IOException {
        return uploads.status(repository, id);
    }

    public UploadStatus appendUpload(String repository, String id, Long start, Body body) throws IOException {
        return uploads.append(repository, id, start, body);
    }

    public long finishUpload(String repository, String id, Digest digest, Body body) throws IOException {
        return uploads.finish(repository, id, digest, body);
    }

    public void cancelUpload(String repository, String id) throws IOException {
        uploads.cancel(repository, id);
    }

    public int purgeUploads(Instant startedBefore) throws IOException {
        return uploads.purge(startedBefore);
    }

    // ---- manifests

    public ManifestRecord headManifest(String repository, String reference) {
        return manifests.resolve(repository, reference);
    }

    public ManifestContent manifest(String repository, String reference) throws IOException {
        return manifests.get(repository, reference);
    }

    public PutManifestResult putManifest(String repository, String reference, String contentType, byte[] content)
            throws IOException {
        return manifests.put(repository, reference, contentType, content);
    }

    public void deleteManifest(String repository, String reference) {
        manifests.delete(repository, reference);
    }

    public List<ManifestRecord> referrers(String repository, Digest subject, String artifactType) {
        return meta.referrers(repository, subject, artifactType);
    }

    // ---- listings

    public Page tags(String repository, String last, int limit) {
        if (!meta.repositoryExists(repository)) {
            throw new RegistryException(OciError.NAME_UNKNOWN, "repository " + repository + " is unknown",
                    Map.of("name", repository));
        }
        return page(meta.tags(repository, last, plusOne(limit)), limit);
    }

    /** Repositories the caller may see, a page at a time; hidden ones are skipped without shortening the page. */
    public Page catalog(String last, int limit, Predicate<String> visible) {
        List<String> out = new ArrayList<>();
        String cursor = last;
        int batch = Math.max(100, Math.min(limit, 1000) + 1);
        while (out.size() <= limit) {
            List<String> rows = meta.repositories(cursor, batch);
            for (String r : rows) {
                if (visible.test(r)) {
                    out.add(r);
                }
            }
            if (rows.size() < batch) {
                break;
            }
            cursor = rows.getLast();
        }
        return page(out.size() > limit + 1 ? out.subList(0, limit + 1) : out, limit);
    }

    private static int plusOne(int limit) {
        return limit == Integer.MAX_VALUE ? limit : limit + 1;
    }

    private static Page page(List<String> rows, int limit) {
        return rows.size() > limit ? new Page(rows.subList(0, limit), true) : new Page(rows, false);
    }

    private static RegistryException blobUnknown(String repository, Digest digest) {
        return new RegistryException(OciError.BLOB_UNKNOWN, "blob " + digest + " is unknown to " + repository,
                Map.of("digest", digest.toString()));
    }
}
