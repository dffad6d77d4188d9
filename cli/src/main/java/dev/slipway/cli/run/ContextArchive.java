package dev.slipway.cli.run;

import dev.slipway.cli.support.CliException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A local directory as a build context, the way {@code az acr build} packs it: a tar.gz honouring
 * {@code .dockerignore} ({@code <Dockerfile>.dockerignore} overrides it) and always leaving out version control
 * files. The Dockerfile and the ignore file are always sent, as Docker does.
 */
final class ContextArchive {
    static final Set<String> ALWAYS_EXCLUDED = Set.of(".git", ".gitignore", ".bzr", ".bzrignore", ".hg", ".hgignore", ".svn");

    private ContextArchive() {
    }

    /** Writes the archive of {@code dir} to a temp file; the caller deletes it. */
    public static Path create(Path dir, String dockerfile) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw CliException.usage("the source " + dir + " is not a directory");
        }
        Path ignoreFile = dockerfile != null && Files.isRegularFile(dir.resolve(dockerfile + ".dockerignore"))
                ? dir.resolve(dockerfile + ".dockerignore") : dir.resolve(".dockerignore");
        DockerIgnore ignore = DockerIgnore.parse(Files.isRegularFile(ignoreFile) ? Files.readString(ignoreFile) : "");
        Set<String> keep = Set.of(dockerfile == null ? "" : DockerIgnore.clean(dockerfile),
                DockerIgnore.clean(dir.relativize(ignoreFile).toString()));
        Path archive = Files.createTempFile("slipway-context-", ".tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(dir)) {
                paths = walk.filter(p -> !p.equals(dir)).sorted().toList();
            }
            for (Path p : paths) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (versionControl(rel) || (ignore.excluded(rel) && !keep.contains(rel))) {
                    continue;
                }
                add(tar, p, rel);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(archive);
            throw e;
        }
        return archive;
    }

    private static boolean versionControl(String rel) {
        for (String part : rel.split("/")) {
            if (ALWAYS_EXCLUDED.contains(part)) {
                return true;
            }
        }
        return false;
    }

    private static void add(TarArchiveOutputStream tar, Path p, String rel) throws IOException {
        if (Files.isSymbolicLink(p)) {
            TarArchiveEntry e = new TarArchiveEntry(rel, TarArchiveEntry.LF_SYMLINK);
            e.setLinkName(Files.readSymbolicLink(p).toString());
            tar.putArchiveEntry(e);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            tar.putArchiveEntry(new TarArchiveEntry(p, rel + "/", LinkOption.NOFOLLOW_LINKS));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            TarArchiveEntry e = new TarArchiveEntry(p, rel, LinkOption.NOFOLLOW_LINKS);
            tar.putArchiveEntry(e);
            Files.copy(p, tar);
        } else {
            return;
        }
        tar.closeArchiveEntry();
    }

    /** Git, tarball and {@code oci://} locations (ACR's forms): the server fetches them, the CLI uploads nothing. */
    static boolean isRemote(String source) {
        return source.matches("(?i)^(\\w[\\w+.-]*://|git@|github\\.com/).*")
                || source.matches(".*\\.git(#.*)?$") && !java.nio.file.Files.isDirectory(Path.of(source));
    }
}
