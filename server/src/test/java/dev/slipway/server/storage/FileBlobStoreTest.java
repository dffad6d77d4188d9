package dev.slipway.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.oci.Digest;
import dev.slipway.server.TestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blob store contract on the local file system, plus its layout and crash clean-up. */
class FileBlobStoreTest extends BlobStoreContract {
    @TempDir(factory = TestDirs.InMemory.class)
    Path root;

    @Override
    protected BlobStore createStore() throws IOException {
        return new FileBlobStore(root);
    }

    @Test
    void contentLivesAtTheContentAddressedPath() throws IOException {
        byte[] content = bytes("layout");
        Digest d = Digest.sha256(content);

        store.put(d, content);

        Path expected = root.resolve("blobs").resolve("sha256").resolve(d.hex().substring(0, 2)).resolve(d.hex());
        assertThat(store.file(d)).isEqualTo(expected);
        assertThat(expected).hasBinaryContent(content);
    }

    @Test
    void uploadsAreUnderTheRoot() {
        assertThat(store.uploadsDir()).isEqualTo(root.resolve("uploads"));
    }

    @Test
    void putLeavesNoTempFiles() throws IOException {
        store.put(digest("x"), bytes("x"));

        try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void tempFilesLeftByACrashAreRemovedOnOpen() throws IOException {
        Path leftover = Files.write(root.resolve("tmp").resolve("put-123.tmp"), bytes("half written"));
        Path upload = Files.write(root.resolve("uploads").resolve("in-progress"), bytes("resumable"));
        byte[] content = bytes("kept");
        store.put(Digest.sha256(content), content);

        BlobStore reopened = new FileBlobStore(root);

        assertThat(leftover).doesNotExist();
        assertThat(upload).hasBinaryContent(bytes("resumable"));
        assertThat(reopened.read(Digest.sha256(content))).isEqualTo(content);
    }
}
