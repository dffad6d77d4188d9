package dev.slipway.server.registry;

import dev.slipway.oci.Digest;
import dev.slipway.oci.OciError;
import dev.slipway.oci.RegistryException;
import dev.slipway.server.meta.MetadataStore;
import dev.slipway.server.meta.UploadRecord;
import dev.slipway.server.storage.BlobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Blob upload sessions: monolithic, chunked and resumable uploads, verified before they become blobs. */
final class Uploads {
    private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final MetadataStore meta;
    private final BlobStore blobs;
    private final Clock clock;
    private final Map<String, UploadSession> live = new ConcurrentHashMap<>();

    Uploads(MetadataStore meta, BlobStore blobs, Clock clock) {
        this.meta = meta;
        this.blobs = blobs;
        this.clock = clock;
    }

    UploadStatus start(String repository) throws IOException {
        String id = UUID.randomUUID().toString();
        meta.createUpload(new UploadRecord(id, repository, clock.instant()));
        Path file = blobs.uploadsDir().resolve(id);
        Files.createFile(file);
        live.put(id, new UploadSession(id, repository, file, Digest.newMessageDigest("sha256"), 0));
        return new UploadStatus(repository, id, 0);
    }

    UploadStatus status(String repository, String id) throws IOException {
        UploadSession s = session(repository, id);
        s.lock.lock();
        try {
            return new UploadStatus(repository, id, s.offset);
        } finally {
            s.lock.unlock();
        }
    }

    /** Appends a chunk; {@code start}, when given, must equal the bytes received so far (416 otherwise). */
    UploadStatus append(String repository, String id, Long start, Body body) throws IOException {
        UploadSession s = session(repository, id);
        s.lock.lock();
        try {
            if (start != null && start != s.offset) {
                throw new RegistryException(OciError.RANGE_INVALID,
                        "chunk starts at " + start + " but the upload has " + s.offset + " bytes", Map.of("offset", s.offset));
            }
            write(s, body);
            return new UploadStatus(repository, id, s.offset);
        } finally {
            s.lock.unlock();
        }
    }

    /** Appends the last bytes, verifies the digest and moves the content into the blob store. */
    long finish(String repository, String id, Digest expected, Body body) throws IOException {
        UploadSession s = session(repository, id);
        s.lock.lock();
        try {
            write(s, body);
            // A clone keeps the running hash intact, so a retry after a failed commit still verifies.
            Digest actual = expected.algorithm().equals("sha256") && s.sha256 != null
                    ? Digest.from("sha256", cloneOf(s.sha256))
                    : hashFile(s.file, expected.algorithm());
            long size = s.offset;
            if (!actual.equals(expected)) {
                discard(s);
                throw new RegistryException(OciError.DIGEST_INVALID,
                        "upload content has digest " + actual + ", not " + expected, Map.of("digest", expected.toString()));
            }
            try {
                blobs.commit(expected, s.file);
                meta.linkBlob(repository, expected, size);
                meta.deleteUpload(id);
            } finally {
                live.remove(id);
            }
            return size;
        } finally {
            s.lock.unlock();
        }
    }

    void cancel(String repository, String id) throws IOException {
        UploadSession s = session(repository, id);
        s.lock.lock();
        try {
            discard(s);
        } finally {
            s.lock.unlock();
        }
    }

    /** Removes sessions started before the cutoff, and upload files no session owns. */
    int purge(Instant cutoff) throws IOException {
        int purged = 0;
        for (UploadRecord u : meta.uploadsStartedBefore(cutoff)) {
            Path file = blobs.uploadsDir().resolve(u.id());
            if (Files.exists(file) && !Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                continue; // started long ago but still receiving bytes: not abandoned
            }
            live.remove(u.id());
            Files.deleteIfExists(blobs.uploadsDir().resolve(u.id()));
            meta.deleteUpload(u.id());
            purged++;
        }
        try (var files = Files.list(blobs.uploadsDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && meta.upload(name).isEmpty()) {
                    Files.deleteIfExists(f);
                    purged++;
                }
            }
        }
        return purged;
    }

    private void discard(UploadSession s) throws IOException {
        live.remove(s.id);
        meta.deleteUpload(s.id);
        Files.deleteIfExists(s.file);
    }

    private UploadSession session(String repository, String id) {
        if (!UPLOAD_ID.matcher(id).matches()) {
            throw unknown(id);
        }
        UploadSession s = live.computeIfAbsent(id, this::resume);
        if (s == null || !s.repository.equals(repository)) {
            throw unknown(id);
        }
        return s;
    }

    /** Rebuilds a session after a restart (or on another node) from its row and file. */
    private UploadSession resume(String id) {
        return meta.upload(id).map(u -> {
            Path file = blobs.uploadsDir().resolve(id);
            try {
                if (!Files.exists(file)) {
                    Files.createFile(file);
                }
                MessageDigest md = Digest.newMessageDigest("sha256");
                long size = feedFile(file, md);
                return new UploadSession(id, u.repository(), file, md, size);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).orElse(null);
    }

    /** On failure the session is dropped from memory, so the next call re-reads the file as it really is. */
    private void write(UploadSession s, Body body) throws IOException {
        try (FileChannel ch = FileChannel.open(s.file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            body.feed(buf -> {
                s.sha256.update(buf.duplicate());
                int n = buf.remaining();
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                s.offset += n;
            });
        } catch (IOException | RuntimeException e) {
            live.remove(s.id);
            throw e;
        }
    }

    private static MessageDigest cloneOf(MessageDigest md) {
        try {
            return (MessageDigest) md.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable in every JDK", e);
        }
    }

    private static Digest hashFile(Path file, String algorithm) throws IOException {
        MessageDigest md = Digest.newMessageDigest(algorithm);
        feedFile(file, md);
        return Digest.from(algorithm, md);
    }

    private static long feedFile(Path file, MessageDigest md) throws IOException {
        long total = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            int n;
            while ((n = ch.read(buf)) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
                total += n;
            }
        }
        return total;
    }

    private static RegistryException unknown(String id) {
        return new RegistryException(OciError.BLOB_UPLOAD_UNKNOWN, "upload " + id + " is unknown to this repository");
    }
}
