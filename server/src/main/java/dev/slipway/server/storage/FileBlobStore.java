package dev.slipway.server.storage;

import dev.slipway.oci.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Blobs on the local file system: {@code <root>/blobs/<alg>/<first two hex>/<hex>}; partial uploads under
 * {@code <root>/uploads}. Paths are built only from validated digests, never from client strings.
 */
public final class FileBlobStore implements BlobStore {
    private final Path blobs;
    private final Path uploads;
    private final Path tmp;

    public FileBlobStore(Path root) throws IOException {
        this.blobs = Files.createDirectories(root.resolve("blobs"));
        this.uploads = Files.createDirectories(root.resolve("uploads"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        cleanTemp();
    }

    @Override
    public long size(Digest digest) {
        try {
            return Files.size(file(digest));
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public Path file(Digest digest) {
        return blobs.resolve(digest.algorithm()).resolve(digest.hex().substring(0, 2)).resolve(digest.hex());
    }

    @Override
    public byte[] read(Digest digest) throws IOException {
        return Files.readAllBytes(file(digest));
    }

    @Override
    public void put(Digest digest, byte[] content) throws IOException {
        Path target = file(digest);
        if (!Files.exists(target)) {
            AtomicFiles.write(target, content, tmp);
        }
    }

    @Override
    public void commit(Digest digest, Path finishedFile) throws IOException {
        Path target = file(digest);
        if (Files.exists(target)) {
            Files.deleteIfExists(finishedFile);
            return;
        }
        AtomicFiles.fsync(finishedFile);
        AtomicFiles.moveIntoPlace(finishedFile, target);
    }

    @Override
    public boolean delete(Digest digest) throws IOException {
        return Files.deleteIfExists(file(digest));
    }

    @Override
    public Path uploadsDir() {
        return uploads;
    }

    /** Temp files left by a crash are garbage: nothing refers to them. */
    private void cleanTemp() throws IOException {
        try (var files = Files.list(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
