package dev.slipway.server.registry;

import dev.slipway.oci.Digest;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.meta.AttributeRecord;
import dev.slipway.server.meta.Attributes;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The changeable attributes of one repository, its tags and its manifests at one moment, and the checks that
 * enforce them. Refusals are DENIED and name the lock, e.g. {@code tag app:v1 is locked: writeEnabled is false}.
 */
record RepositoryLocks(String repository, Attributes own, Map<String, Attributes> tags, Map<Digest, Attributes> manifests) {

    static RepositoryLocks of(String repository, List<AttributeRecord> rows) {
        Attributes own = Attributes.DEFAULT;
        Map<String, Attributes> tags = new HashMap<>();
        Map<Digest, Attributes> manifests = new HashMap<>();
        for (AttributeRecord r : rows) {
            switch (r.kind()) {
                case REPOSITORY -> own = r.attributes();
                case TAG -> tags.put(r.name(), r.attributes());
                case MANIFEST -> manifests.put(Digest.parse(r.name()), r.attributes());
            }
        }
        return new RepositoryLocks(repository, own, Map.copyOf(tags), Map.copyOf(manifests));
    }

    Attributes tag(String name) {
        return tags.getOrDefault(name, Attributes.DEFAULT);
    }

    Attributes manifest(Digest digest) {
        return manifests.getOrDefault(digest, Attributes.DEFAULT);
    }

    boolean listed(String tag) {
        return tag(tag).listEnabled();
    }

    boolean listed(Digest digest) {
        return manifest(digest).listEnabled();
    }

    /** Whether some tag is protected from deletion (so deleting a manifest must look at its tags). */
    boolean protectsTags() {
        return tags.values().stream().anyMatch(Attributes::locked);
    }

    boolean hidesTags() {
        return tags.values().stream().anyMatch(a -> !a.listEnabled());
    }

    boolean hidesManifests() {
        return manifests.values().stream().anyMatch(a -> !a.listEnabled());
    }

    // ---- checks

    /** Blob uploads, mounts and deletes, and manifest pushes: the repository must be writable. */
    void requireWritable() {
        if (!own.writeEnabled()) {
            throw denied(repositoryName(), "writeEnabled");
        }
    }

    /** Pushing a manifest, with {@code tag} the tag it moves (null when pushed by digest). */
    void requirePush(String tag) {
        requireWritable();
        if (tag != null && !tag(tag).writeEnabled()) {
            throw denied(tagName(tag), "writeEnabled");
        }
    }

    /** Blob pulls, and the first check of a manifest pull. */
    void requireReadable() {
        if (!own.readEnabled()) {
            throw denied(repositoryName(), "readEnabled");
        }
    }

    /** The repository and tag part of a manifest pull by {@code tag} (null = by digest). */
    void requireReadable(String tag) {
        requireReadable();
        if (tag != null && !tag(tag).readEnabled()) {
            throw denied(tagName(tag), "readEnabled");
        }
    }

    /** The manifest part of a manifest pull. */
    void requireReadable(Digest digest) {
        if (!manifest(digest).readEnabled()) {
            throw denied(manifestName(digest), "readEnabled");
        }
    }

    /** Removing a tag (the manifest stays). */
    void requireUntag(String tag) {
        requireWritable();
        requireDeletable(tagName(tag), tag(tag));
    }

    /** Deleting a manifest, which also removes {@code tags}, the tags pointing at it. */
    void requireDeletable(Digest digest, Collection<String> tags) {
        requireWritable();
        requireDeletable(manifestName(digest), manifest(digest));
        for (String t : tags) {
            requireDeletable(tagName(t), tag(t));
        }
    }

    /** Deleting the whole repository: it must allow deletes, and so must every tag and manifest in it. */
    void requireRepositoryDeletable() {
        requireDeletable(repositoryName(), own);
        tags.entrySet().stream().filter(e -> e.getValue().locked()).sorted(Map.Entry.comparingByKey()).findFirst()
                .ifPresent(e -> requireDeletable(tagName(e.getKey()), e.getValue()));
        manifests.entrySet().stream().filter(e -> e.getValue().locked()).min(Comparator.comparing(e -> e.getKey().toString()))
                .ifPresent(e -> requireDeletable(manifestName(e.getKey()), e.getValue()));
    }

    private void requireDeletable(String what, Attributes a) {
        if (!a.writeEnabled()) {
            throw denied(what, "writeEnabled");
        }
        if (!a.deleteEnabled()) {
            throw denied(what, "deleteEnabled");
        }
    }

    private String repositoryName() {
        return "repository " + repository;
    }

    private String tagName(String tag) {
        return "tag " + repository + ":" + tag;
    }

    private String manifestName(Digest digest) {
        return "manifest " + repository + "@" + digest;
    }

    private RegistryException denied(String what, String attribute) {
        return new RegistryException(OciError.DENIED, what + " is locked: " + attribute + " is false",
                Map.of("repository", repository, "attribute", attribute));
    }
}
