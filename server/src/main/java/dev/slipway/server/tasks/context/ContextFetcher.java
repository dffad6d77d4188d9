package dev.slipway.server.tasks.context;

import dev.slipway.oci.client.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Fills a run's workspace from a remote context (Git, tarball URL, oci://); uploads and {@code /dev/null} are the
 * caller's. Scratch space lives next to the workspace and is deleted with the run's directory.
 */
public final class ContextFetcher {
    private ContextFetcher() {
    }

    /**
     * @param workspace an absent or empty directory
     * @param log       acb-style lines for the run's log (credentials already redacted)
     */
    public static Fetched fetch(ContextSource source, Path workspace, ContextAccess access, Consumer<String> log)
            throws IOException {
        Path scratch = workspace.resolveSibling(workspace.getFileName() + ".fetch");
        Files.createDirectories(workspace.getParent());
        try {
            return switch (source) {
                case ContextSource.Git git -> GitContext.fetch(git, workspace, scratch, log);
                case ContextSource.Tarball tarball -> {
                    TarballContext.fetch(tarball, workspace, scratch, log);
                    yield Fetched.NOTHING;
                }
                case ContextSource.Oci oci -> {
                    OciContext.fetch(oci, workspace, credentials(oci, access), log);
                    yield Fetched.NOTHING;
                }
                case ContextSource.Upload u -> throw new IllegalArgumentException("uploads are extracted by Contexts");
                case ContextSource.None n -> {
                    Files.createDirectories(workspace);
                    yield Fetched.NOTHING;
                }
            };
        } finally {
            deleteTree(scratch);
        }
    }

    /** The run's own token for our registry; anonymous elsewhere. */
    static RegistryClient.Credentials credentials(ContextSource.Oci oci, ContextAccess access) {
        if (access.registry() != null && access.registry().equalsIgnoreCase(oci.registry())) {
            String token = access.pullToken().apply(oci.repository());
            if (token != null) {
                return new RegistryClient.Credentials.Token(token);
            }
        }
        return new RegistryClient.Credentials.Anonymous();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
