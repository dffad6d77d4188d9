package dev.slipway.server.registry;

import dev.slipway.oci.Digest;
import dev.slipway.oci.Names;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.meta.ListOrder;
import dev.slipway.server.meta.ManifestRecord;
import dev.slipway.server.meta.MetadataStore;
import dev.slipway.server.meta.RepositoryRecord;
import dev.slipway.server.meta.TagRecord;
import java.util.List;
import java.util.Map;

/** Repositories, tags and manifests in detail, with their changeable attributes (what the /acr/v1 API shows). */
final class Inventory {
    private final MetadataStore meta;
    private final Locks locks;

    Inventory(MetadataStore meta, Locks locks) {
        this.meta = meta;
        this.locks = locks;
    }

    RepositoryDetails repository(String repository) {
        RepositoryRecord r = meta.repository(Names.repository(repository)).orElseThrow(() -> nameUnknown(repository));
        return new RepositoryDetails(r, locks.of(repository).own());
    }

    void requireRepository(String repository) {
        if (!meta.repositoryExists(Names.repository(repository))) {
            throw nameUnknown(repository);
        }
    }

    /** Tags in the given order, without those whose listEnabled is false. */
    Listing<TagDetails> tags(String repository, ListOrder order, String last, int limit) {
        requireRepository(repository);
        RepositoryLocks l = locks.of(repository);
        Listing<TagRecord> page = Paging.collect(last, limit, (after, n) -> meta.tagRecords(repository, order, after, n),
                t -> l.listed(t.name()), TagRecord::name);
        return new Listing<>(page.items().stream().map(t -> new TagDetails(t, l.tag(t.name()))).toList(), page.more());
    }

    TagDetails tag(String repository, String tag) {
        requireRepository(repository);
        TagRecord t = meta.tag(repository, Names.tag(tag)).orElseThrow(() -> new RegistryException(OciError.MANIFEST_UNKNOWN,
                "tag " + repository + ":" + tag + " is unknown", Map.of("repository", repository, "tag", tag)));
        return new TagDetails(t, locks.of(repository).tag(tag));
    }

    /** Manifests in the given order, without those whose listEnabled is false. */
    Listing<ManifestDetails> manifests(String repository, ListOrder order, String last, int limit) {
        requireRepository(repository);
        RepositoryLocks l = locks.of(repository);
        Listing<ManifestRecord> page = Paging.collect(last, limit,
                (after, n) -> meta.manifests(repository, order, after == null ? null : Digest.parse(after), n),
                m -> l.listed(m.digest()), m -> m.digest().toString());
        return new Listing<>(details(repository, page.items(), l), page.more());
    }

    ManifestDetails manifest(String repository, Digest digest) {
        requireRepository(repository);
        ManifestRecord m = meta.manifest(repository, digest).orElseThrow(() -> new RegistryException(OciError.MANIFEST_UNKNOWN,
                "manifest " + repository + "@" + digest + " is unknown", Map.of("repository", repository, "digest", digest.toString())));
        return details(repository, List.of(m), locks.of(repository)).getFirst();
    }

    private List<ManifestDetails> details(String repository, List<ManifestRecord> manifests, RepositoryLocks l) {
        List<Digest> digests = manifests.stream().map(ManifestRecord::digest).toList();
        Map<Digest, List<String>> tags = meta.tagsOf(repository, digests);
        Map<Digest, Long> sizes = meta.imageSizes(repository, digests);
        return manifests.stream().map(m -> new ManifestDetails(m, sizes.getOrDefault(m.digest(), m.size()),
                tags.getOrDefault(m.digest(), List.of()), l.manifest(m.digest()))).toList();
    }

    static RegistryException nameUnknown(String repository) {
        return new RegistryException(OciError.NAME_UNKNOWN, "repository " + repository + " is unknown",
                Map.of("name", repository));
    }
}
