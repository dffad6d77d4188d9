package dev.slipway.server.tasks.context;

import java.io.IOException;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.submodule.SubmoduleWalk;
import org.eclipse.jgit.transport.CredentialsProvider;

/** {@code git submodule update --init --recursive}. */
final class Submodules {
    private static final int MAX_DEPTH = 8;

    private Submodules() {
    }

    static void update(Repository repo, CredentialsProvider credentials, Consumer<String> log) throws GitAPIException, IOException {
        update(repo, credentials, log, 0);
    }

    private static void update(Repository repo, CredentialsProvider credentials, Consumer<String> log, int depth)
            throws GitAPIException, IOException {
        if (depth > MAX_DEPTH || !new java.io.File(repo.getWorkTree(), ".gitmodules").isFile()) {
            return;
        }
        try (Git git = new Git(repo)) {
            git.submoduleInit().call();
            var updated = git.submoduleUpdate().setCredentialsProvider(credentials).call();
            updated.forEach(path -> log.accept("Updated submodule " + path));
        }
        try (SubmoduleWalk walk = SubmoduleWalk.forIndex(repo)) {
            while (walk.next()) {
                try (Repository sub = walk.getRepository()) {
                    if (sub != null) {
                        update(sub, credentials, log, depth + 1);
                    }
                }
            }
        }
    }
}
