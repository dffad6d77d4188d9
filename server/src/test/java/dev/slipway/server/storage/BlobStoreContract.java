package dev.slipway.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.oci.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link BlobStore} must do. A backend's test extends this class and supplies an empty store. */
public abstract class BlobStoreContract {
    protected BlobStore store;

    /** An empty store; a new one for each test. */
    protected abstract BlobStore createStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = createStore();
    }

    @Test
    void absentContentHasSizeMinusOne() {
        assertThat(store.size(digest("absent"))).isEqualTo(-1);
    }

    @Test
    void putContentCanBeReadBack() throws IOException {
        byte[] content = bytes("{\"schemaVersion\":2}");
        Digest d = Digest.sha256(content);

        store.put(d, content);

        assertThat(store.size(d)).isEqualTo(content.length);
        assertThat(store.read(d)).isEqualTo(content);
        assertThat(Files.readAllBytes(store.file(d))).isEqualTo(content);
    }

    @Test
    void emptyContentIsStored() throws IOException {
        Digest d = Digest.sha256(new byte[0]);

        store.put(d, new byte[0]);

        assertThat(store.size(d)).isZero();
        assertThat(store.read(d)).isEmpty();
    }

    @Test
    void putIsIdempotent() throws IOException {
        byte[] content = bytes("same bytes");
        Digest d = Digest.sha256(content);

        store.put(d, content);
        store.put(d, content);

        assertThat(store.read(d)).isEqualTo(content);
    }

    @Test
    void algorithmsAreKeptApart() throws IOException {
        byte[] content = bytes("hashed twice");
        Digest sha256 = Digest.sha256(content);
        Digest sha512 = Digest.of("sha512", content);

        store.put(sha512, content);

        assertThat(store.size(sha512)).isEqualTo(content.length);
        assertThat(store.size(sha256)).isEqualTo(-1);
        assertThat(store.read(sha512)).isEqualTo(content);
    }

    @Test
    void commitMovesTheUploadIntoPlaceAndConsumesIt() throws IOException {
        byte[] content = bytes("an uploaded layer");
        Digest d = Digest.sha256(content);
        Path upload = Files.write(store.uploadsDir().resolve("upload-1"), content);

        store.commit(d, upload);

        assertThat(upload).doesNotExist();
        assertThat(store.size(d)).isEqualTo(content.length);
        assertThat(store.read(d)).isEqualTo(content);
    }

    @Test
    void commitOfExistingContentDropsTheUpload() throws IOException {
        byte[] content = bytes("pushed twice");
        Digest d = Digest.sha256(content);
        store.commit(d, Files.write(store.uploadsDir().resolve("first"), content));
        Path second = Files.write(store.uploadsDir().resolve("second"), content);

        store.commit(d, second);

        assertThat(second).doesNotExist();
        assertThat(store.read(d)).isEqualTo(content);
    }

    @Test
    void deleteRemovesContent() throws IOException {
        byte[] content = bytes("to delete");
        Digest d = Digest.sha256(content);
        store.put(d, content);

        assertThat(store.delete(d)).isTrue();

        assertThat(store.size(d)).isEqualTo(-1);
        assertThat(store.delete(d)).isFalse();
    }

    @Test
    void uploadsDirIsAWritableDirectory() throws IOException {
        assertThat(store.uploadsDir()).isDirectory();
        Path f = Files.write(store.uploadsDir().resolve("probe"), bytes("x"));
        assertThat(f).exists();
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static Digest digest(String seed) {
        return Digest.sha256(bytes(seed));
    }
}
