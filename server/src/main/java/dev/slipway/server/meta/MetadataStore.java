package dev.slipway.server.meta;

import dev.slipway.oci.Digest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry's relational index: repositories, blob links, manifests with their references and
 * subjects, tags, changeable attributes (locks) and upload sessions. Every method is one transaction. Rows are written only after the
 * bytes they name are durable in the blob store.
 */
public interface MetadataStore extends AutoCloseable {

    /** Repository names after {@code last} (exclusive, null = from the start), in lexical order. */
    List<String> repositories(String last, int limit);

    boolean repositoryExists(String repository);

    /** Records that the repository holds the blob (creating the repository if needed). */
    void linkBlob(String repository, Digest digest, long size);

    /** The size of a blob linked to the repository, or -1. */
    long linkedBlobSize(String repository, Digest digest);

    /** Up to {@code limit} repositories that hold the blob, in lexical order (for automatic cross-repository mounts). */
    List<String> repositoriesWithBlob(Digest digest, int limit);

    boolean unlinkBlob(String repository, Digest digest);

    /** Of the given blobs, those not linked to the repository. */
    Set<Digest> missingBlobs(String repository, Collection<Digest> digests);

    /** Of the given manifests, those not in the repository. */
    Set<Digest> missingManifests(String repository, Collection<Digest> digests);

    /** Records the manifest and its references and, when {@code tag} is not null, points the tag at it. */
    void putManifest(NewManifest manifest, String tag);

    Optional<ManifestRecord> manifest(String repository, Digest digest);

    Optional<ManifestRecord> manifestByTag(String repository, String tag);

    /** Deletes the manifest, its references, its attributes and every tag (with its attributes) pointing at it. */
    boolean deleteManifest(String repository, Digest digest);

    /** Deletes the tag and its attributes. */
    boolean deleteTag(String repository, String tag);

    /** Tag names after {@code last} (exclusive, null = from the start), in lexical order. */
    List<String> tags(String repository, String last, int limit);

    Optional<TagRecord> tag(String repository, String tag);

    /** Manifests of the repository whose subject is {@code subject}, optionally of one artifact type. */
    List<ManifestRecord> referrers(String repository, Digest subject, String artifactType);

    // ---- repositories in detail and changeable attributes (the /acr/v1 API)

    Optional<RepositoryRecord> repository(String name);

    /** Deletes the repository with its blob links, manifests, tags and attributes; false when it did not exist. */
    boolean deleteRepository(String name);

    /**
     * Up to {@code limit} tags after the tag {@code last} (exclusive, null = from the start) in the given order;
     * time orders use the tags' update times, and an unknown {@code last} gives an empty list.
     */
    List<TagRecord> tagRecords(String repository, ListOrder order, String last, int limit);

    /** Like {@link #tagRecords}, for manifests: by digest or by creation time. */
    List<ManifestRecord> manifests(String repository, ListOrder order, Digest last, int limit);

    /** The tags pointing at each of the manifests, in name order; manifests without tags are absent. */
    Map<Digest, List<String>> tagsOf(String repository, Collection<Digest> digests);

    /** Each manifest's own size plus the sizes of the blobs it references (config and layers). */
    Map<Digest, Long> imageSizes(String repository, Collection<Digest> digests);

    /** Every stored attribute row of the repository: its own, its tags' and its manifests'. */
    List<AttributeRecord> attributes(String repository);

    /** The repositories whose listEnabled is false. */
    Set<String> unlistedRepositories();

    /** Stores a set of attributes; default ones remove the row. */
    void putAttributes(AttributeRecord record);

    void createUpload(UploadRecord upload);

    Optional<UploadRecord> upload(String id);

    void deleteUpload(String id);

    List<UploadRecord> uploadsStartedBefore(Instant cutoff);

    @Override
    void close();
}
