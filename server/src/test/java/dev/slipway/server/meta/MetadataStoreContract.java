package dev.slipway.server.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MetadataStore} must do. A backend's test extends this class and supplies an empty store;
 * each test gets a fresh one.
 */
public abstract class MetadataStoreContract {
    private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

    protected MetadataStore store;

    /** An empty, migrated store; closed after each test. */
    protected abstract MetadataStore createStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = createStore();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    // ---- repositories

    @Test
    void emptyStoreHasNoRepositories() {
        assertThat(store.repositories(null, 100)).isEmpty();
        assertThat(store.repositoryExists("a")).isFalse();
    }

    @Test
    void blobLinksAndManifestsCreateRepositories() {
        store.linkBlob("by/blob", digest("x"), 1);
        store.putManifest(manifest("by/manifest", "m", null, null), null);

        assertThat(store.repositoryExists("by/blob")).isTrue();
        assertThat(store.repositoryExists("by/manifest")).isTrue();
        assertThat(store.repositoryExists("by")).isFalse();
    }

    @Test
    void repositoriesAreInLexicalOrder() {
        for (String name : List.of("zeta", "alpha/beta", "alpha", "alpha-beta", "alpha.beta", "b", "a0")) {
            store.linkBlob(name, digest("x"), 1);
        }

        // Code point order (as with COLLATE "C"), not a locale's: '-' < '.' < '/' < digits < letters.
        assertThat(store.repositories(null, 100)).containsExactly("a0", "alpha", "alpha-beta", "alpha.beta", "alpha/beta", "b", "zeta");
    }

    @Test
    void repositoriesArePagedWithLastAndLimit() {
        for (String name : List.of("a", "b", "c", "d", "e")) {
            store.linkBlob(name, digest("x"), 1);
        }

        assertThat(store.repositories(null, 2)).containsExactly("a", "b");
        assertThat(store.repositories("b", 2)).containsExactly("c", "d");
        assertThat(store.repositories("d", 2)).containsExactly("e");
        assertThat(store.repositories("bb", 10)).containsExactly("c", "d", "e");
        assertThat(store.repositories("e", 2)).isEmpty();
        assertThat(store.repositories(null, 0)).isEmpty();
    }

    @Test
    void aRepositoryIsListedOnce() {
        store.linkBlob("once", digest("x"), 1);
        store.linkBlob("once", digest("y"), 1);
        store.putManifest(manifest("once", "m", null, null), "v1");

        assertThat(store.repositories(null, 10)).containsExactly("once");
    }

    // ---- blob links

    @Test
    void linkedBlobHasItsSizeInItsRepositoryOnly() {
        Digest d = digest("blob");
        store.linkBlob("a", d, 42);

        assertThat(store.linkedBlobSize("a", d)).isEqualTo(42);
        assertThat(store.linkedBlobSize("b", d)).isEqualTo(-1);
        assertThat(store.linkedBlobSize("a", digest("other"))).isEqualTo(-1);
    }

    @Test
    void linkingTwiceIsHarmless() {
        Digest d = digest("blob");
        store.linkBlob("a", d, 42);
        store.linkBlob("a", d, 42);

        assertThat(store.linkedBlobSize("a", d)).isEqualTo(42);
        assertThat(store.unlinkBlob("a", d)).isTrue();
        assertThat(store.linkedBlobSize("a", d)).isEqualTo(-1);
    }

    @Test
    void unlinkRemovesOnlyThatRepositorysLink() {
        Digest d = digest("blob");
        store.linkBlob("a", d, 1);
        store.linkBlob("b", d, 1);

        assertThat(store.unlinkBlob("a", d)).isTrue();
        assertThat(store.unlinkBlob("a", d)).isFalse();
        assertThat(store.unlinkBlob("c", d)).isFalse();
        assertThat(store.linkedBlobSize("a", d)).isEqualTo(-1);
        assertThat(store.linkedBlobSize("b", d)).isEqualTo(1);
    }

    @Test
    void repositoriesWithBlobListsHoldersInOrder() {
        Digest d = digest("blob");
        assertThat(store.repositoriesWithBlob(d, 10)).isEmpty();

        store.linkBlob("holder", d, 1);
        store.linkBlob("another", d, 1);
        store.linkBlob("other", digest("else"), 1);

        assertThat(store.repositoriesWithBlob(d, 10)).containsExactly("another", "holder");
        assertThat(store.repositoriesWithBlob(d, 1)).containsExactly("another");
        store.unlinkBlob("holder", d);
        store.unlinkBlob("another", d);
        assertThat(store.repositoriesWithBlob(d, 10)).isEmpty();
    }

    @Test
    void missingBlobsAreThoseNotLinkedToTheRepository() {
        Digest linked = digest("linked");
        Digest elsewhere = digest("elsewhere");
        Digest nowhere = digest("nowhere");
        store.linkBlob("a", linked, 1);
        store.linkBlob("b", elsewhere, 1);

        assertThat(store.missingBlobs("a", List.of(linked, elsewhere, nowhere, nowhere))).containsExactlyInAnyOrder(elsewhere, nowhere);
        assertThat(store.missingBlobs("a", List.of(linked))).isEmpty();
        assertThat(store.missingBlobs("a", List.of())).isEmpty();
    }

    @Test
    void missingManifestsAreThoseNotInTheRepository() {
        NewManifest m = manifest("a", "m", null, null);
        store.putManifest(m, null);
        store.linkBlob("a", digest("a blob, not a manifest"), 1);

        assertThat(store.missingManifests("a", List.of(m.digest()))).isEmpty();
        assertThat(store.missingManifests("b", List.of(m.digest()))).containsExactly(m.digest());
        assertThat(store.missingManifests("a", List.of(m.digest(), digest("a blob, not a manifest"))))
                .containsExactly(digest("a blob, not a manifest"));
        assertThat(store.missingManifests("a", List.of())).isEmpty();
    }

    // ---- manifests and tags

    @Test
    void manifestRoundTrips() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Digest subject = digest("subject");
        NewManifest m = new NewManifest("repo", digest("m"), OCI_MANIFEST, 1234, "application/vnd.example", subject,
                Map.of("org.example.a", "1", "org.example.b", "two words"), List.of(digest("config"), digest("layer")), List.of());

        store.putManifest(m, null);

        ManifestRecord r = store.manifest("repo", m.digest()).orElseThrow();
        assertThat(r.repository()).isEqualTo("repo");
        assertThat(r.digest()).isEqualTo(m.digest());
        assertThat(r.mediaType()).isEqualTo(OCI_MANIFEST);
        assertThat(r.size()).isEqualTo(1234);
        assertThat(r.artifactType()).isEqualTo("application/vnd.example");
        assertThat(r.subject()).isEqualTo(subject);
        assertThat(r.annotations()).isEqualTo(Map.of("org.example.a", "1", "org.example.b", "two words"));
        assertThat(r.created()).isBetween(before, Instant.now());
    }

    @Test
    void manifestWithoutOptionalFieldsRoundTrips() {
        NewManifest m = manifest("repo", "plain", null, null);

        store.putManifest(m, null);

        ManifestRecord r = store.manifest("repo", m.digest()).orElseThrow();
        assertThat(r.artifactType()).isNull();
        assertThat(r.subject()).isNull();
        assertThat(r.annotations()).isEmpty();
    }

    @Test
    void manifestIsScopedToItsRepository() {
        NewManifest m = manifest("a", "m", null, null);
        store.putManifest(m, "v1");

        assertThat(store.manifest("b", m.digest())).isEmpty();
        assertThat(store.manifestByTag("b", "v1")).isEmpty();
        assertThat(store.manifest("a", digest("other"))).isEmpty();
    }

    @Test
    void putManifestIsIdempotent() throws InterruptedException {
        NewManifest m = manifest("repo", "m", null, null);
        store.putManifest(m, null);
        Instant created = store.manifest("repo", m.digest()).orElseThrow().created();
        Thread.sleep(5);

        store.putManifest(m, null);
        store.putManifest(m, "v1");

        assertThat(store.manifest("repo", m.digest()).orElseThrow().created()).isEqualTo(created);
        assertThat(store.manifestByTag("repo", "v1").orElseThrow().digest()).isEqualTo(m.digest());
        assertThat(store.tags("repo", null, 10)).containsExactly("v1");
    }

    @Test
    void taggedManifestIsFoundByTag() {
        NewManifest m = manifest("repo", "m", "application/vnd.example", null);

        store.putManifest(m, "latest");

        ManifestRecord r = store.manifestByTag("repo", "latest").orElseThrow();
        assertThat(r.digest()).isEqualTo(m.digest());
        assertThat(r.artifactType()).isEqualTo("application/vnd.example");
        TagRecord t = store.tag("repo", "latest").orElseThrow();
        assertThat(t.repository()).isEqualTo("repo");
        assertThat(t.name()).isEqualTo("latest");
        assertThat(t.digest()).isEqualTo(m.digest());
        assertThat(t.updated()).isEqualTo(t.created());
        assertThat(store.tag("repo", "other")).isEmpty();
        assertThat(store.manifestByTag("repo", "other")).isEmpty();
    }

    @Test
    void movingATagUpdatesDigestAndTimeButKeepsCreated() throws InterruptedException {
        NewManifest first = manifest("repo", "first", null, null);
        NewManifest second = manifest("repo", "second", null, null);
        store.putManifest(first, "latest");
        TagRecord before = store.tag("repo", "latest").orElseThrow();
        Thread.sleep(5);

        store.putManifest(second, "latest");

        TagRecord after = store.tag("repo", "latest").orElseThrow();
        assertThat(after.digest()).isEqualTo(second.digest());
        assertThat(after.created()).isEqualTo(before.created());
        assertThat(after.updated()).isAfter(before.updated());
        assertThat(store.manifestByTag("repo", "latest").orElseThrow().digest()).isEqualTo(second.digest());
        assertThat(store.manifest("repo", first.digest())).isPresent();
    }

    @Test
    void deleteManifestRemovesItAndItsTagsOnly() {
        NewManifest doomed = manifest("repo", "doomed", null, null);
        NewManifest kept = manifest("repo", "kept", null, null);
        store.putManifest(doomed, "a");
        store.putManifest(doomed, "b");
        store.putManifest(kept, "c");
        store.putManifest(doomed, null);
        store.putManifest(manifest("other", "doomed", null, null), "a");

        assertThat(store.deleteManifest("repo", doomed.digest())).isTrue();

        assertThat(store.manifest("repo", doomed.digest())).isEmpty();
        assertThat(store.manifestByTag("repo", "a")).isEmpty();
        assertThat(store.tag("repo", "b")).isEmpty();
        assertThat(store.tags("repo", null, 10)).containsExactly("c");
        assertThat(store.manifest("repo", kept.digest())).isPresent();
        assertThat(store.manifestByTag("other", "a")).isPresent();
        assertThat(store.missingManifests("repo", List.of(doomed.digest()))).containsExactly(doomed.digest());
        assertThat(store.deleteManifest("repo", doomed.digest())).isFalse();
    }

    @Test
    void deletedManifestCanBeStoredAgain() {
        NewManifest m = manifest("repo", "again", null, null);
        store.putManifest(m, "v1");
        store.deleteManifest("repo", m.digest());

        store.putManifest(m, "v2");

        assertThat(store.manifest("repo", m.digest())).isPresent();
        assertThat(store.tags("repo", null, 10)).containsExactly("v2");
    }

    @Test
    void deleteTagKeepsTheManifestAndOtherTags() {
        NewManifest m = manifest("repo", "m", null, null);
        store.putManifest(m, "a");
        store.putManifest(m, "b");

        assertThat(store.deleteTag("repo", "a")).isTrue();

        assertThat(store.deleteTag("repo", "a")).isFalse();
        assertThat(store.deleteTag("elsewhere", "b")).isFalse();
        assertThat(store.tags("repo", null, 10)).containsExactly("b");
        assertThat(store.manifest("repo", m.digest())).isPresent();
        assertThat(store.manifestByTag("repo", "b")).isPresent();
    }

    @Test
    void tagsAreInLexicalOrderAndPaged() {
        NewManifest m = manifest("repo", "m", null, null);
        for (String tag : List.of("latest", "2", "a", "1.1", "A", "10", "1.0")) {
            store.putManifest(m, tag);
        }
        store.putManifest(manifest("other", "m", null, null), "0-other");

        assertThat(store.tags("repo", null, 100)).containsExactly("1.0", "1.1", "10", "2", "A", "a", "latest");
        assertThat(store.tags("repo", null, 3)).containsExactly("1.0", "1.1", "10");
        assertThat(store.tags("repo", "10", 3)).containsExactly("2", "A", "a");
        assertThat(store.tags("repo", "a", 3)).containsExactly("latest");
        assertThat(store.tags("repo", "b", 3)).containsExactly("latest");
        assertThat(store.tags("repo", "latest", 3)).isEmpty();
        assertThat(store.tags("repo", null, 0)).isEmpty();
        assertThat(store.tags("unknown", null, 10)).isEmpty();
    }

    // ---- referrers

    @Test
    void referrersAreManifestsWithThatSubjectInThatRepository() {
        Digest subject = digest("subject");
        NewManifest sig = new NewManifest("repo", digest("sig"), OCI_MANIFEST, 10, "application/vnd.example.sig", subject,
                Map.of("k", "v"), List.of(), List.of());
        store.putManifest(sig, null);
        NewManifest sbom = new NewManifest("repo", digest("sbom"), OCI_INDEX, 20, "application/vnd.example.sbom", subject,
                Map.of(), List.of(), List.of());
        store.putManifest(sbom, null);
        store.putManifest(new NewManifest("repo", digest("unrelated"), OCI_MANIFEST, 30, "application/vnd.example.sig",
                digest("other subject"), Map.of(), List.of(), List.of()), null);
        store.putManifest(new NewManifest("elsewhere", digest("sig"), OCI_MANIFEST, 10, "application/vnd.example.sig", subject,
                Map.of(), List.of(), List.of()), null);
        store.putManifest(manifest("repo", "no subject", null, null), null);

        List<ManifestRecord> all = store.referrers("repo", subject, null);

        assertThat(all).extracting(ManifestRecord::digest).containsExactlyInAnyOrder(sig.digest(), sbom.digest());
        ManifestRecord sigRecord = all.stream().filter(r -> r.digest().equals(sig.digest())).findFirst().orElseThrow();
        ManifestRecord sbomRecord = all.stream().filter(r -> r.digest().equals(sbom.digest())).findFirst().orElseThrow();
        assertThat(sigRecord.annotations()).isEqualTo(Map.of("k", "v"));
        assertThat(sigRecord.artifactType()).isEqualTo("application/vnd.example.sig");
        assertThat(sigRecord.subject()).isEqualTo(subject);
        assertThat(sbomRecord.mediaType()).isEqualTo(OCI_INDEX);
        assertThat(sbomRecord.size()).isEqualTo(20);
        assertThat(store.referrers("repo", subject, "application/vnd.example.sbom")).extracting(ManifestRecord::digest)
                .containsExactly(sbom.digest());
        assertThat(store.referrers("repo", subject, "application/none")).isEmpty();
        assertThat(store.referrers("repo", digest("nothing refers to this"), null)).isEmpty();
        assertThat(store.referrers("unknown", subject, null)).isEmpty();
    }

    @Test
    void deletedReferrerIsNoLongerListed() {
        Digest subject = digest("subject");
        NewManifest sig = new NewManifest("repo", digest("sig"), OCI_MANIFEST, 10, "t", subject, Map.of(), List.of(), List.of());
        store.putManifest(sig, "sig");

        store.deleteManifest("repo", sig.digest());

        assertThat(store.referrers("repo", subject, null)).isEmpty();
    }

    // ---- uploads

    @Test
    void uploadLifecycle() {
        Instant created = Instant.parse("2024-05-01T10:00:00.123Z");
        UploadRecord u = new UploadRecord("0b4f1a6e-63a4-4b5e-9d3c-7f0e6a1c2d3b", "repo", created);

        store.createUpload(u);

        assertThat(store.upload(u.id())).contains(u);
        assertThat(store.upload("unknown")).isEmpty();
        store.deleteUpload(u.id());
        assertThat(store.upload(u.id())).isEmpty();
        store.deleteUpload(u.id());
    }

    @Test
    void uploadsDoNotCreateRepositories() {
        store.createUpload(new UploadRecord("u1", "pending", Instant.now()));

        assertThat(store.repositoryExists("pending")).isFalse();
        assertThat(store.repositories(null, 10)).isEmpty();
    }

    @Test
    void uploadsStartedBeforeACutoff() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        store.createUpload(new UploadRecord("old", "repo", t.minusSeconds(3600)));
        store.createUpload(new UploadRecord("older", "other", t.minusSeconds(7200)));
        store.createUpload(new UploadRecord("exact", "repo", t));
        store.createUpload(new UploadRecord("new", "repo", t.plusMillis(1)));

        assertThat(store.uploadsStartedBefore(t)).extracting(UploadRecord::id).containsExactlyInAnyOrder("old", "older");
        assertThat(store.uploadsStartedBefore(t.minusSeconds(7200))).isEmpty();
        assertThat(store.uploadsStartedBefore(t.plusSeconds(1))).hasSize(4);
        store.deleteUpload("old");
        assertThat(store.uploadsStartedBefore(t)).extracting(UploadRecord::id).containsExactly("older");
    }

    // ---- helpers

    protected static Digest digest(String seed) {
        return Digest.sha256(seed.getBytes(StandardCharsets.UTF_8));
    }

    /** An image manifest whose digest derives from {@code seed}. */
    protected static NewManifest manifest(String repository, String seed, String artifactType, Digest subject) {
        return new NewManifest(repository, digest(seed), OCI_MANIFEST, 100, artifactType, subject, Map.of(),
                List.of(digest(seed + "/config")), List.of());
    }
}
