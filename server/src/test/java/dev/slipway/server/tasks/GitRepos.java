package dev.slipway.server.tasks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/** Local Git repositories for context tests, made with JGit: a working copy pushing to a bare repository. */
final class GitRepos implements AutoCloseable {
    final Path bare;
    final Git work;

    GitRepos(Path dir) throws Exception {
        this.bare = dir.resolve("repo.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        this.work = Git.init().setInitialBranch("main").setDirectory(dir.resolve("work").toFile()).call();
    }

    String url() {
        return "file://" + bare;
    }

    /** Writes the files (a value starting with {@code ->} makes a symlink), commits, pushes all branches and tags. */
    RevCommit commit(String message, Map<String, String> files) throws Exception {
        Path root = work.getRepository().getWorkTree().toPath();
        for (var e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            if (e.getValue().startsWith("->")) {
                Files.deleteIfExists(p);
                Files.createSymbolicLink(p, Path.of(e.getValue().substring(2)));
            } else {
                Files.writeString(p, e.getValue());
            }
        }
        work.add().addFilepattern(".").call();
        RevCommit c = work.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        push();
        return c;
    }

    void branch(String name) throws Exception {
        work.branchCreate().setName(name).call();
        push();
    }

    void checkout(String name) throws Exception {
        work.checkout().setName(name).call();
    }

    void tag(String name) throws Exception {
        work.tag().setName(name).setAnnotated(true).setMessage(name).call();
        push();
    }

    private void push() throws Exception {
        work.push().setRemote(url()).setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")).call();
    }

    String head(String ref) throws IOException {
        return work.getRepository().resolve(ref + "^{commit}").name();
    }

    static String headOf(String ref, Git git) throws IOException {
        return git.getRepository().resolve(ref == null ? Constants.HEAD : ref).name();
    }

    @Override
    public void close() {
        work.close();
    }
}
