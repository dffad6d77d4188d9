package dev.slipway.server.tasks;

import dev.slipway.server.storage.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import dev.slipway.server.tasks.context.ContextAccess;
import dev.slipway.server.tasks.context.ContextFetcher;
import dev.slipway.server.tasks.context.ContextSource;
import dev.slipway.server.tasks.context.Fetched;
import dev.slipway.server.tasks.context.SafeTar;

/**
 * Build contexts: uploaded ones ({@code DATA/contexts/<sha256>.tar.gz}, addressed as {@code upload:sha256:<hex>})
 * and their safe extraction into a run's workspace, and the remote forms (Git {@code url#ref:folder}, tarball URL,
 * {@code oci://}) fetched by {@link ContextFetcher}.
 */
final class Contexts {
    static final String NONE = ContextSource.NONE;

    /** An oci:// context in the run's own registry is pulled with a token this long-lived. */
    private static final java.time.Duration PULL_TOKEN_LIFETIME = java.time.Duration.ofMinutes(15);

    private final Path dir;
    private final RunTokens tokens;

    Contexts(Path dir) throws IOException {
        this(dir, null);
    }

    Contexts(Path dir, RunTokens tokens) throws IOException {
        this.dir = dir;
        this.tokens = tokens;
        Files.createDirectories(dir);
    }

    /** What fetching a run's context may use: pull tokens for the run's registry. */
    ContextAccess access(String runId, String registry) {
        return new ContextAccess(registry, repository -> tokens == null ? null
                : tokens.mint(runId, registry, java.util.Set.of(), java.util.Set.of(repository), PULL_TOKEN_LIFETIME));
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

    /** Checks that a run's source location is one this server can provide (remote ones are fetched at run time). */
    void check(String source) {
        ContextSource parsed;
        try {
            parsed = ContextSource.parse(source);
        } catch (IllegalArgumentException e) {
            throw RunException.invalid(e.getMessage());
        }
        if (parsed instanceof ContextSource.Upload u && !Files.exists(dir.resolve(u.hex() + ".tar.gz"))) {
            throw RunException.invalid("no uploaded context " + source);
        }
    }

    /** Fills {@code workspace} (created empty) with the source's files. */
    void extract(String source, Path workspace) throws IOException {
        fetch(source, workspace, ContextAccess.anonymous(null), line -> { });
    }

    /**
     * Fills {@code workspace} with the source's files: an upload is extracted, Git, tarball and oci:// contexts
     * are fetched (logging acb-style lines; the Git token is masked from then on).
     */
    Fetched fetch(String source, Path workspace, ContextAccess access, Consumer<String> log) throws IOException {
        check(source);
        ContextSource parsed = ContextSource.parse(source);
        if (parsed instanceof ContextSource.Upload u) {
            Files.createDirectories(workspace);
            try (InputStream in = Files.newInputStream(dir.resolve(u.hex() + ".tar.gz"))) {
                SafeTar.extract(in, workspace);
            }
            return Fetched.NOTHING;
        }
        return ContextFetcher.fetch(parsed, workspace, access, log);
    }

    /** What the run's log must mask before the context is fetched: the URL's userinfo (a Git token). */
    static List<String> secrets(String source) {
        var m = java.util.regex.Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://([^/@#]+)@").matcher(source == null ? "" : source);
        if (!m.find()) {
            return List.of();
        }
        String userinfo = m.group(1);
        int colon = userinfo.indexOf(':');
        return colon < 0 ? List.of(userinfo) : List.of(userinfo, userinfo.substring(colon + 1));
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
