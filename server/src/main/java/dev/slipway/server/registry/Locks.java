package dev.slipway.server.registry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.slipway.oci.Digest;
import dev.slipway.server.meta.AttributeKind;
import dev.slipway.server.meta.AttributeRecord;
import dev.slipway.server.meta.Attributes;
import dev.slipway.server.meta.MetadataStore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Changeable attributes by repository. Every pull and push consults them, so each repository's set is cached,
 * invalidated by this process's changes (and deletes, which drop attributes), which is correct while this process
 * is the only writer of its metadata store; otherwise every check reads the store.
 */
final class Locks {
    private final MetadataStore meta;
    private final Cache<String, RepositoryLocks> cache;
    private final boolean cached;
    private final ReentrantLock updates = new ReentrantLock();

    Locks(MetadataStore meta, boolean cached) {
        this.meta = meta;
        this.cached = cached;
        this.cache = Caffeine.newBuilder().maximumSize(cached ? 10_000 : 0).build();
    }

    RepositoryLocks of(String repository) {
        return cached ? cache.get(repository, this::load) : load(repository);
    }

    /** Drops the cached set after tags, manifests or the repository were deleted. */
    void forget(String repository) {
        cache.invalidate(repository);
    }

    /** Applies a change to the attributes of the repository ({@code name} empty), a tag or a manifest. */
    Attributes update(String repository, AttributeKind kind, String name, AttributeChange change) {
        updates.lock();
        try {
            RepositoryLocks current = load(repository);
            Attributes before = switch (kind) {
                case REPOSITORY -> current.own();
                case TAG -> current.tag(name);
                case MANIFEST -> current.manifest(Digest.parse(name));
            };
            Attributes after = change.applyTo(before);
            meta.putAttributes(new AttributeRecord(repository, kind, name, after));
            return after;
        } finally {
            cache.invalidate(repository);
            updates.unlock();
        }
    }

    private RepositoryLocks load(String repository) {
        return RepositoryLocks.of(repository, meta.attributes(repository));
    }
}
