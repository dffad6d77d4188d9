package dev.slipway.server.tasks;

import dev.slipway.server.storage.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Uploaded build contexts ({@code DATA/contexts/<sha256>.tar.gz}, addressed as {@code upload:sha256:<hex>}) and
 * their extraction into a run's workspace. Extraction refuses absolute paths, {@code ..} and links that leave the
 * workspace; devices and FIFOs are skipped.
 */
final class Contexts {
    static final String NONE = "/dev/null";
    private static final Pattern UPLOAD = Pattern.compile("upload:sha256:([0-9a-f]{64})");

    private final Path dir;

    Contexts(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    /** Streams a tar.gz to a temp file while hashing it, fsyncs it and moves it into place. */
    String store(InputStream body, long maxBytes) throws IOException {
        Path tmp = Files.createTempFile(dir, "upload-", ".tmp");
        try {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), sha)) {
                byte[] buf = new byte[64 * 1024];
                int n;
                while ((n = body.read(buf)) > 0) {
                    size += n;
                    if (size > maxBytes) {
                        throw RunException.invalid("the context is larger than " + maxBytes + " bytes");
                    }
                    out.write(buf, 0, n);
                }
            }
            if (size == 0) {
                throw RunException.invalid("the context is empty; send a tar.gz archive");
            }
            AtomicFiles.fsync(tmp);
            String hex = HexFormat.of().formatHex(sha.digest());
            AtomicFiles.moveIntoPlace(tmp, dir.resolve(hex + ".tar.gz"));
            return "upload:sha256:" + hex;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Checks that a run's source location is one this server can provide. */
    void check(String source) {
        if (source == null || source.equals(NONE)) {
            return;
        }
        var m = UPLOAD.matcher(source);
        if (!m.matches()) {
            throw RunException.invalid("unsupported source location '" + source
                    + "': use /dev/null or upload the context first (upload:sha256:<hex>); git and URL contexts are not supported yet");
        }
        if (!Files.exists(dir.resolve(m.group(1) + ".tar.gz"))) {
            throw RunException.invalid("no uploaded context " + source);
        }
    }

    /** Fills {@code workspace} (created empty) with the source's files. */
    void extract(String source, Path workspace) throws IOException {
        Files.createDirectories(workspace);
        if (source == null || source.equals(NONE)) {
            return;
        }
        check(source);
        var m = UPLOAD.matcher(source);
        m.matches();
        Path archive = dir.resolve(m.group(1) + ".tar.gz");
        Path root = workspace.toRealPath();
        try (InputStream in = new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(archive)));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path target = inside(root, e.getName());
                if (target == null) {
                    continue;
                }
                if (e.isDirectory()) {
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
        }
    }

    /** The entry's path in the workspace; an error for absolute paths and {@code ..}; null for the root itself. */
    private static Path inside(Path root, String name) throws IOException {
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
    private static void parent(Path root, Path target) throws IOException {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        if (!parent.toRealPath().startsWith(root)) {
            throw new IOException("the context writes through a link outside the workspace: " + root.relativize(target));
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
