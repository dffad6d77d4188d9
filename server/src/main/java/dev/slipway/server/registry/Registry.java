package dev.slipway.server.registry;

import dev.slipway.oci.Digest;
import dev.slipway.oci.Names;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.meta.AttributeKind;
import dev.slipway.server.meta.ListOrder;
import dev.slipway.server.meta.ManifestRecord;
import dev.slipway.server.meta.MetadataStore;
import dev.slipway.server.storage.BlobStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The registry domain: blobs, uploads, manifests, tags and referrers of named repositories, and the changeable
 * attributes (locks) that every operation here enforces.
 */
public final class Registry {
    private final MetadataStore meta;
    private final BlobStore blobs;
    private final Uploads uploads;
    private final Manifests manifests;
    private final Locks locks;
    private final Inventory inventory;

    public Registry(MetadataStore meta, BlobStore blobs, Clock clock, boolean singleWriter) {
        this.meta = meta;
        this.blobs = blobs;
        this.uploads = new Uploads(meta, blobs, clock);
        this.manifests = new Manifests(meta, blobs, singleWriter);
        this.locks = new Locks(meta, singleWriter);
        this.inventory = new Inventory(meta, locks);
    }

    public static int maxManifestBytes() {
        return Manifests.MAX_MANIFEST_BYTES;
    }

    // ---- blobs

    public BlobContent blob(String repository, Digest digest) {
        locks.of(repository).requireReadable();
        long size = meta.linkedBlobSize(repository, digest);
        if (size < 0 || blobs.size(digest) != size) {
            throw blobUnknown(repository, digest);
        }
        return new BlobContent(digest, size, blobs.file(digest));
    }

    public void deleteBlob(String repository, Digest digest) {
        locks.of(repository).requireWritable();
        if (!meta.unlinkBlob(repository, digest)) {
            throw blobUnknown(repository, digest);
        }
    }

    /**
     * Makes a blob another repository holds available in this one. With {@code from} null, any repository
     * holding it that the caller may read will do. Empty when there is no such blob to mount.
     */
    public Optional<Long> mount(String repository, Digest digest, String from, Predicate<String> mayRead) {
        locks.of(repository).requireWritable();
        Predicate<String> readable = mayRead.and(r -> locks.of(r).own().readEnabled());
        String source = from != null
                ? (readable.test(Names.repository(from)) ? from : null)
                : meta.repositoriesWithBlob(digest, 100).stream().filter(readable).findFirst().orElse(null);
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
        locks.of(repository).requireWritable();
        return uploads.start(repository);
    }

    public long putBlob(String repository, Digest digest, Body body) throws IOException {
        locks.of(repository).requireWritable();
        UploadStatus s = uploads.start(repository);
        return uploads.finish(repository, s.id(), digest, body);
    }

    public UploadStatus uploadStatus(String repository, String id) throws IOException {
        return uploads.status(repository, id);
    }

    public UploadStatus appendUpload(String repository, String id, Long start, Body body) throws IOException {
        locks.of(repository).requireWritable();
        return uploads.append(repository, id, start, body);
    }

    public long finishUpload(String repository, String id, Digest digest, Body body) throws IOException {
        locks.of(repository).requireWritable();
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
        return readable(repository, reference);
    }

    public ManifestContent manifest(String repository, String reference) throws IOException {
        return manifests.content(readable(repository, reference));
    }

    /** Resolves a manifest to pull, provided the repository, the tag (if by tag) and the manifest allow reads. */
    private ManifestRecord readable(String repository, String reference) {
        RepositoryLocks l = locks.of(repository);
        l.requireReadable(Digest.looksLikeDigest(reference) ? null : reference);
        ManifestRecord r = manifests.resolve(repository, reference);
        l.requireReadable(r.digest());
        return r;
    }

    public PutManifestResult putManifest(String repository, String reference, String contentType, byte[] content)
            throws IOException {
        locks.of(repository).requirePush(Digest.looksLikeDigest(reference) ? null : reference);
        return manifests.put(repository, reference, contentType, content);
    }

    /** By digest: the manifest and every tag pointing at it. By tag: only the tag (untag). */
    public void deleteManifest(String repository, String reference) {
        RepositoryLocks l = locks.of(repository);
        if (Digest.looksLikeDigest(reference)) {
            Digest digest = Digest.parse(reference);
            List<String> tags = l.protectsTags() ? meta.tagsOf(repository, List.of(digest)).getOrDefault(digest, List.of()) : List.of();
            l.requireDeletable(digest, tags);
        } else {
            l.requireUntag(Names.tag(reference));
        }
        try {
            manifests.delete(repository, reference);
        } finally {
            locks.forget(repository);
        }
    }

    public List<ManifestRecord> referrers(String repository, Digest subject, String artifactType) {
        return meta.referrers(repository, subject, artifactType);
    }

    // ---- listings

    /** Tag names in lexical order, without those whose listEnabled is false. */
    public Page tags(String repository, String last, int limit) {
        inventory.requireRepository(repository);
        RepositoryLocks l = locks.of(repository);
        if (!l.hidesTags()) {
            return page(meta.tags(repository, last, plusOne(limit)), limit);
        }
        Listing<String> page = Paging.collect(last, limit, (after, n) -> meta.tags(repository, after, n), l::listed, t -> t);
        return new Page(page.items(), page.more());
    }

    /**
     * Repositories the caller may see, a page at a time, without those whose listEnabled is false; hidden ones
     * are skipped without shortening the page.
     */
    public Page catalog(String last, int limit, Predicate<String> visible) {
        Set<String> unlisted = meta.unlistedRepositories();
        Predicate<String> shown = unlisted.isEmpty() ? visible : visible.and(r -> !unlisted.contains(r));
        Listing<String> page = Paging.collect(last, limit, meta::repositories, shown, r -> r);
        return new Page(page.items(), page.more());
    }

    // ---- details and changeable attributes (the /acr/v1 API)

    public RepositoryDetails repository(String repository) {
        return inventory.repository(repository);
    }

    public RepositoryDetails updateRepository(String repository, AttributeChange change) {
        inventory.requireRepository(repository);
        locks.update(repository, AttributeKind.REPOSITORY, "", change);
        return inventory.repository(repository);
    }

    /** Deletes the repository with all its tags and manifests, unless it or anything in it is locked. */
    public void deleteRepository(String repository) {
        inventory.requireRepository(repository);
        locks.of(repository).requireRepositoryDeletable();
        try {
            meta.deleteRepository(repository);
        } finally {
            manifests.forget(repository);
            locks.forget(repository);
        }
    }

    public Listing<TagDetails> tagDetails(String repository, ListOrder order, String last, int limit) {
        return inventory.tags(repository, order, last, limit);
    }

    public TagDetails tagDetails(String repository, String tag) {
        return inventory.tag(repository, tag);
    }

    public TagDetails updateTag(String repository, String tag, AttributeChange change) {
        TagDetails t = inventory.tag(repository, tag);
        return new TagDetails(t.tag(), locks.update(repository, AttributeKind.TAG, tag, change));
    }

    /** Removes a tag; the manifest stays. */
    public void untag(String repository, String tag) {
        inventory.tag(repository, tag);
        deleteManifest(repository, tag);
    }

    public Listing<ManifestDetails> manifestDetails(String repository, ListOrder order, String last, int limit) {
        return inventory.manifests(repository, order, last, limit);
    }

    public ManifestDetails manifestDetails(String repository, Digest digest) {
        return inventory.manifest(repository, digest);
    }

    public ManifestDetails updateManifest(String repository, Digest digest, AttributeChange change) {
        ManifestDetails m = inventory.manifest(repository, digest);
        return new ManifestDetails(m.manifest(), m.imageSize(), m.tags(),
                locks.update(repository, AttributeKind.MANIFEST, digest.toString(), change));
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
