package dev.slipway.server.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.slipway.oci.Descriptor;
import dev.slipway.oci.Digest;
import dev.slipway.oci.Manifest;
import dev.slipway.oci.ManifestParser;
import dev.slipway.oci.Names;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.meta.ManifestRecord;
import dev.slipway.server.meta.MetadataStore;
import dev.slipway.server.meta.NewManifest;
import dev.slipway.server.storage.BlobStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Manifest push, pull and delete. Bytes are kept exactly as pushed. Reads are served from caches: bytes by
 * digest (immutable) and records by tag and by digest, invalidated by this process's writes, which is
 * correct while this process is the only writer of its metadata store.
 */
final class Manifests {
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    private final MetadataStore meta;
    private final BlobStore blobs;
    private final Cache<Digest, byte[]> bytes = Caffeine.newBuilder()
            .maximumWeight(16L << 20).weigher((Digest d, byte[] b) -> b.length).build();
    private final Cache<String, ManifestRecord> records;

    Manifests(MetadataStore meta, BlobStore blobs, boolean cacheRecords) {
        this.meta = meta;
        this.blobs = blobs;
        this.records = Caffeine.newBuilder().maximumSize(cacheRecords ? 100_000 : 0).build();
    }

    /** Resolves a tag or digest to the manifest's record; MANIFEST_UNKNOWN when absent. */
    ManifestRecord resolve(String repository, String reference) {
        boolean byDigest = Digest.looksLikeDigest(reference);
        Digest digest = byDigest ? Digest.parse(reference) : null;
        if (!byDigest) {
            Names.tag(reference);
        }
        ManifestRecord r = records.get(key(repository, reference), k -> byDigest
                ? meta.manifest(repository, digest).orElse(null)
                : meta.manifestByTag(repository, reference).orElse(null));
        if (r == null) {
            throw new RegistryException(OciError.MANIFEST_UNKNOWN, "manifest " + repository + (byDigest ? "@" : ":") + reference
                    + " is unknown", Map.of("repository", repository, "reference", reference));
        }
        return r;
    }

    ManifestContent get(String repository, String reference) throws IOException {
        return content(resolve(repository, reference));
    }

    ManifestContent content(ManifestRecord r) throws IOException {
        byte[] content = bytes.getIfPresent(r.digest());
        if (content == null) {
            content = blobs.read(r.digest());
            bytes.put(r.digest(), content);
        }
        return new ManifestContent(r, content);
    }

    PutManifestResult put(String repository, String reference, String contentType, byte[] content) throws IOException {
        boolean byDigest = Digest.looksLikeDigest(reference);
        String tag = byDigest ? null : Names.tag(reference);
        Digest digest = byDigest ? Digest.of(Digest.parse(reference).algorithm(), content) : Digest.sha256(content);
        if (byDigest && !digest.equals(Digest.parse(reference))) {
            throw new RegistryException(OciError.DIGEST_INVALID, "manifest content has digest " + digest + ", not " + reference);
        }
        Manifest m = ManifestParser.parse(content, contentType);
        List<Digest> blobDigests = m.requiredBlobs().stream().map(Descriptor::digest).toList();
        List<Digest> children = m.children().stream().map(Descriptor::digest).toList();
        requirePresent(meta.missingBlobs(repository, blobDigests), "blob");
        requirePresent(meta.missingManifests(repository, children), "manifest");
        blobs.put(digest, content);
        bytes.put(digest, content);
        Digest subject = m.subject() == null ? null : m.subject().digest();
        meta.putManifest(new NewManifest(repository, digest, m.mediaType(), content.length, m.effectiveArtifactType(),
                subject, m.annotations(), blobDigests, children), tag);
        if (tag != null) {
            records.invalidate(key(repository, tag));
        }
        return new PutManifestResult(digest, subject);
    }

    /** By digest: the manifest and all its tags. By tag: only the tag. */
    void delete(String repository, String reference) {
        if (Digest.looksLikeDigest(reference)) {
            Digest digest = Digest.parse(reference);
            List<String> tags = tagsOf(repository, digest);
            if (!meta.deleteManifest(repository, digest)) {
                throw new RegistryException(OciError.MANIFEST_UNKNOWN, "manifest " + repository + "@" + digest + " is unknown");
            }
            records.invalidate(key(repository, reference));
            tags.forEach(t -> records.invalidate(key(repository, t)));
            return;
        }
        Names.tag(reference);
        if (!meta.deleteTag(repository, reference)) {
            throw new RegistryException(OciError.MANIFEST_UNKNOWN, "tag " + repository + ":" + reference + " is unknown");
        }
        records.invalidate(key(repository, reference));
    }

    /** Drops every cached record of the repository (after it was deleted). */
    void forget(String repository) {
        String prefix = key(repository, "");
        records.asMap().keySet().removeIf(k -> k.startsWith(prefix));
    }

    private List<String> tagsOf(String repository, Digest digest) {
        // Cached tag records are few per repository; drop those naming this digest.
        return records.asMap().entrySet().stream()
                .filter(e -> e.getValue().repository().equals(repository) && e.getValue().digest().equals(digest))
                .map(e -> e.getKey().substring(repository.length() + 1))
                .toList();
    }

    private static void requirePresent(Set<Digest> missing, String what) {
        if (!missing.isEmpty()) {
            Digest first = missing.iterator().next();
            throw new RegistryException(OciError.MANIFEST_BLOB_UNKNOWN,
                    "manifest references " + what + " " + first + " which is not in the repository", Map.of("digest", first.toString()));
        }
    }

    private static String key(String repository, String reference) {
        return repository + "\u0000" + reference;
    }
}
