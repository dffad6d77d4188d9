package dev.slipway.server.meta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.server.TestDirs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata contract against a real SQLite file. */
class SqliteMetadataStoreTest extends MetadataStoreContract {
    @TempDir(factory = TestDirs.InMemory.class)
    Path dir;

    @Override
    protected MetadataStore createStore() {
        return Database.sqlite(dir.resolve("slipway.db"));
    }

    @Test
    void dataSurvivesReopening() {
        store.putManifest(manifest("repo", "m", null, null), "v1");
        store.linkBlob("repo", digest("blob"), 5);
        store.close();

        store = Database.sqlite(dir.resolve("slipway.db"));

        assertThat(store.manifestByTag("repo", "v1")).isPresent();
        assertThat(store.linkedBlobSize("repo", digest("blob"))).isEqualTo(5);
    }
}
