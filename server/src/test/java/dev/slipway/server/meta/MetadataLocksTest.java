package dev.slipway.server.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attributes table and the detailed listings of the metadata store (SQLite). */
class MetadataLocksTest {
    private static final Attributes NO_WRITE = new Attributes(true, false, true, true);
    private static final Attributes HIDDEN = new Attributes(true, true, true, false);

    @TempDir
    Path dir;
    MetadataStore meta;

    @BeforeEach
    void open() {
        meta = Database.sqlite(dir.resolve("meta.db"));
    }

    @AfterEach
    void close() {
        meta.close();
    }

    private Digest push(String repo, String seed, String tag) {
        byte[] config = seed.getBytes(StandardCharsets.UTF_8);
        Digest c = Digest.sha256(config);
        meta.linkBlob(repo, c, config.length);
        Digest d = Digest.sha256(("manifest " + seed).getBytes(StandardCharsets.UTF_8));
        meta.putManifest(new NewManifest(repo, d, "application/vnd.oci.image.manifest.v1+json", 100, null, null, Map.of(),
                List.of(c), List.of()), tag);
        return d;
    }

    @Test
    void attributesAreStoredReplacedAndRemovedWhenBackToDefault() {
        push("app", "one", "v1");
        meta.putAttributes(new AttributeRecord("app", AttributeKind.TAG, "v1", NO_WRITE));
        meta.putAttributes(new AttributeRecord("app", AttributeKind.REPOSITORY, "", HIDDEN));
        assertThat(meta.attributes("app")).containsExactlyInAnyOrder(
                new AttributeRecord("app", AttributeKind.TAG, "v1", NO_WRITE),
                new AttributeRecord("app", AttributeKind.REPOSITORY, "", HIDDEN));
        assertThat(meta.unlistedRepositories()).containsExactly("app");

        meta.putAttributes(new AttributeRecord("app", AttributeKind.TAG, "v1", HIDDEN));
        meta.putAttributes(new AttributeRecord("app", AttributeKind.REPOSITORY, "", Attributes.DEFAULT));
        assertThat(meta.attributes("app")).containsExactly(new AttributeRecord("app", AttributeKind.TAG, "v1", HIDDEN));
        assertThat(meta.unlistedRepositories()).isEmpty();
        assertThat(meta.attributes("other")).isEmpty();
    }

    @Test
    void deletingTagsManifestsAndRepositoriesDeletesTheirAttributes() {
        Digest d = push("app", "one", "v1");
        meta.putManifest(new NewManifest("app", d, "application/vnd.oci.image.manifest.v1+json", 100, null, null, Map.of(),
                List.of(), List.of()), "v2");
        Digest other = push("app", "two", "keep");
        meta.putAttributes(new AttributeRecord("app", AttributeKind.TAG, "v1", HIDDEN));
        meta.putAttributes(new AttributeRecord("app", AttributeKind.TAG, "v2", HIDDEN));
        meta.putAttributes(new AttributeRecord("app", AttributeKind.TAG, "keep", HIDDEN));
        meta.putAttributes(new AttributeRecord("app", AttributeKind.MANIFEST, d.toString(), NO_WRITE));
        meta.putAttributes(new AttributeRecord("app", AttributeKind.MANIFEST, other.toString(), NO_WRITE));

        assertThat(meta.deleteTag("app", "v1")).isTrue();
        assertThat(meta.attributes("app")).extracting(AttributeRecord::name)
                .containsExactlyInAnyOrder("v2", "keep", d.toString(), other.toString());
        assertThat(meta.deleteManifest("app", d)).isTrue();
        assertThat(meta.attributes("app")).extracting(AttributeRecord::name).containsExactlyInAnyOrder("keep", other.toString());

        push("lib", "three", "v1");
        meta.putAttributes(new AttributeRecord("app", AttributeKind.REPOSITORY, "", HIDDEN));
        assertThat(meta.deleteRepository("app")).isTrue();
        assertThat(meta.attributes("app")).isEmpty();
        assertThat(meta.repositoryExists("app")).isFalse();
        assertThat(meta.manifest("app", other)).isEmpty();
        assertThat(meta.tags("app", null, 10)).isEmpty();
        assertThat(meta.repositoryExists("lib")).isTrue();
        assertThat(meta.deleteRepository("app")).isFalse();
    }

    @Test
    void repositoryDetailsCountManifestsAndTags() {
        Digest d = push("app", "one", "v1");
        meta.putManifest(new NewManifest("app", d, "application/vnd.oci.image.manifest.v1+json", 100, null, null, Map.of(),
                List.of(), List.of()), "latest");
        push("app", "two", null);
        RepositoryRecord r = meta.repository("app").orElseThrow();
        assertThat(r.manifestCount()).isEqualTo(2);
        assertThat(r.tagCount()).isEqualTo(2);
        assertThat(r.updated()).isAfterOrEqualTo(r.created());
        assertThat(meta.repository("none")).isEmpty();
        assertThat(meta.tagsOf("app", List.of(d))).containsExactly(Map.entry(d, List.of("latest", "v1")));
        assertThat(meta.imageSizes("app", List.of(d))).containsExactly(Map.entry(d, 100L + "one".length()));
    }

    @Test
    void tagRecordsPageByNameAndByTimeWithACursor() throws Exception {
        for (String t : List.of("c", "a", "d", "b")) {
            push("app", t, t);
            Thread.sleep(3);
        }
        assertThat(names(meta.tagRecords("app", ListOrder.NAME, null, 10))).containsExactly("a", "b", "c", "d");
        assertThat(names(meta.tagRecords("app", ListOrder.NAME, "b", 10))).containsExactly("c", "d");
        assertThat(names(meta.tagRecords("app", ListOrder.TIME_ASC, null, 10))).containsExactly("c", "a", "d", "b");
        assertThat(names(meta.tagRecords("app", ListOrder.TIME_ASC, "a", 1))).containsExactly("d");
        assertThat(names(meta.tagRecords("app", ListOrder.TIME_DESC, null, 2))).containsExactly("b", "d");
        assertThat(names(meta.tagRecords("app", ListOrder.TIME_DESC, "d", 10))).containsExactly("a", "c");
        assertThat(meta.tagRecords("app", ListOrder.TIME_DESC, "gone", 10)).isEmpty();

        List<ManifestRecord> byTime = meta.manifests("app", ListOrder.TIME_DESC, null, 10);
        assertThat(byTime).hasSize(4);
        assertThat(meta.manifests("app", ListOrder.TIME_DESC, byTime.get(1).digest(), 10)).containsExactlyElementsOf(byTime.subList(2, 4));
        assertThat(meta.manifests("app", ListOrder.NAME, null, 10)).extracting(m -> m.digest().toString()).isSorted();
    }

    private static List<String> names(List<TagRecord> tags) {
        return tags.stream().map(TagRecord::name).toList();
    }
}
