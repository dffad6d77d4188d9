package dev.slipway.server.storage;

import dev.slipway.oci.Digest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Content-addressed bytes (blobs and manifest bytes). Content is stored once per digest and becomes
 * visible only when complete.
 */
public interface BlobStore {

    /** Size in bytes, or -1 when the content is absent. */
    long size(Digest digest);

    /** The file holding the content, for zero-copy serving; the content must exist. */
    Path file(Digest digest);

    byte[] read(Digest digest) throws IOException;

    /** Stores small content (manifests) atomically; a no-op when it is already there. */
    void put(Digest digest, byte[] content) throws IOException;

    /**
     * Moves a finished, verified upload file into place atomically (it is fsynced first). The file is
     * consumed: moved, or deleted when the content already exists.
     */
    void commit(Digest digest, Path finishedFile) throws IOException;

    boolean delete(Digest digest) throws IOException;

    /** Where partial uploads are written; on the same file system so that commit is a rename. */
    Path uploadsDir();
}
