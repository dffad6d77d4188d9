package dev.slipway.server.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** temp file → fsync → atomic move → fsync directory: a file is either absent or complete, even after a crash. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content, Path tempDir) throws IOException {
        write(target, content, tempDir, false);
    }

    /** @param ownerOnly create the file readable and writable by its owner only (secrets) */
    public static void write(Path target, byte[] content, Path tempDir, boolean ownerOnly) throws IOException {
        Path tmp = ownerOnly && tempDir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(tempDir, "put-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(tempDir, "put-", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Moves an already fsynced file to target; if target exists (same content), the source is dropped. */
    public static void moveIntoPlace(Path source, Path target) throws IOException {
        Path dir = target.getParent();
        createDirectoriesDurably(dir);
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(source);
            return;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the data directory must be on one file system: " + e.getMessage(), e);
        }
        fsyncDirectory(dir);
    }

    /** Creates missing directories and fsyncs each new one's parent, so a power cut cannot drop them. */
    public static void createDirectoriesDurably(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return;
        }
        createDirectoriesDurably(dir.getParent());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            return;
        }
        fsyncDirectory(dir.getParent());
    }

    public static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot open directories for sync; the rename is still atomic there.
        }
    }
}
