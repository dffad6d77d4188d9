package dev.slipway.server.tasks.context;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts a tar (plain or gzip, detected from the first bytes) into a directory. Refuses absolute paths,
 * {@code ..} and links that leave the directory; devices and FIFOs are skipped.
 */
public final class SafeTar {
    private SafeTar() {
    }

    /** Extracts {@code archive} (plain or gzip-compressed) into {@code dir}, which must exist. */
    public static void extract(InputStream archive, Path dir) throws IOException {
        InputStream in = new BufferedInputStream(archive, 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            in = new GzipCompressorInputStream(in, true);
        }
        Path root = dir.toRealPath();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entry(tar, e, root);
            }
        }
    }

    private static void entry(TarArchiveInputStream tar, TarArchiveEntry e, Path root) throws IOException {
        Path target = inside(root, e.getName());
        if (target == null) {
            return;
        }
        if (e.isDirectory()) {
            parent(root, target);
            Files.createDirectories(target);
        } else if (e.isSymbolicLink()) {
            Path link = Path.of(e.getLinkName());
            Path resolved = target.getParent().resolve(link).normalize();
            if (link.isAbsolute() || !resolved.startsWith(root)) {
                throw new IOException("the context's link " + e.getName() + " points outside the workspace");
            }
            parent(root, target);
            Files.deleteIfExists(target);
            Files.createSymbolicLink(target, link);
        } else if (e.isLink()) {
            Path from = inside(root, e.getLinkName());
            if (from == null || !Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("the context's hard link " + e.getName() + " points outside the workspace");
            }
            parent(root, target);
            Files.deleteIfExists(target);
            Files.copy(from, target);
        } else if (e.isFile()) {
            parent(root, target);
            Files.deleteIfExists(target);
            Files.copy(tar, target);
            if ((e.getMode() & 0111) != 0) {
                Set<PosixFilePermission> p = EnumSet.copyOf(Files.getPosixFilePermissions(target));
                p.add(PosixFilePermission.OWNER_EXECUTE);
                p.add(PosixFilePermission.GROUP_EXECUTE);
                p.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(target, p);
            }
        }
    }

    /** The entry's path under {@code root}; an error for absolute paths and {@code ..}; null for the root itself. */
    public static Path inside(Path root, String name) throws IOException {
        String n = name.replace('\\', '/');
        if (n.startsWith("/")) {
            throw new IOException("the context holds an absolute path: " + name);
        }
        for (String part : n.split("/")) {
            if (part.equals("..")) {
                throw new IOException("the context holds a path with '..': " + name);
            }
        }
        Path target = root.resolve(n).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("the context holds a path outside the workspace: " + name);
        }
        return target.equals(root) ? null : target;
    }

    /** Creates the entry's parent and makes sure no symlink in between leads out of the workspace. */
    public static void parent(Path root, Path target) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(root)) {
            throw new IOException("the context writes through a link outside the workspace: " + root.relativize(target));
        }
    }
}
