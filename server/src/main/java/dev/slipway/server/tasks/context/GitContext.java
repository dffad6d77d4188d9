package dev.slipway.server.tasks.context;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRefNameException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A Git context the way acb fetches one: init, shallow fetch of the ref (full fetch when the server or the ref
 * does not allow it), checkout, submodules, then the {@code #ref:folder} sub-directory becomes the workspace.
 * Records the commit ({@code git rev-parse HEAD}) and branch ({@code git rev-parse --abbrev-ref HEAD}).
 */
final class GitContext {
    private static final String FETCHED = "refs/slipway/fetched";
    private static final int TIMEOUT_SECONDS = 600;

    private GitContext() {
    }

    /**
     * @param scratch an absent directory next to the workspace to clone into
     */
    static Fetched fetch(ContextSource.Git source, Path workspace, Path scratch, Consumer<String> log)
            throws IOException {
        URIish uri;
        try {
            uri = new URIish(source.url());
        } catch (URISyntaxException e) {
            throw new IOException("invalid Git URL " + GitUrls.redact(source.url()));
        }
        CredentialsProvider credentials = credentials(uri);
        String url = uri.setUser(null).setPass(null).toString();
        log.accept("Cloning " + GitUrls.redact(source.url()) + (source.ref().isEmpty() ? "" : " at " + source.ref()));
        Fetched fetched;
        try (Git git = Git.init().setDirectory(scratch.toFile()).call()) {
            String name = fetchRef(git, url, source.ref(), credentials, log);
            fetched = checkout(git, name);
            Submodules.update(git.getRepository(), credentials, log);
        } catch (GitAPIException e) {
            throw new IOException("failed to fetch " + source.display() + ": " + e.getMessage(), e);
        }
        log.accept("Fetched commit " + fetched.commit() + (fetched.branch().equals("HEAD") ? "" : " on branch " + fetched.branch()));
        Path root = scratch.toRealPath();
        Path folder = root.resolve(source.folder()).normalize();
        if (!folder.startsWith(root) || !folder.toRealPath().startsWith(root)) {
            throw new IOException("the context folder '" + source.folder() + "' is outside the repository");
        }
        folder = folder.toRealPath();
        if (!Files.isDirectory(folder)) {
            throw new IOException("the context folder '" + source.folder() + "' is not a directory in the repository");
        }
        Files.deleteIfExists(workspace);
        Files.move(folder, workspace);
        return fetched;
    }

    /** A token in the URL: {@code https://<pat>@host} or {@code user:pass@}. */
    private static CredentialsProvider credentials(URIish uri) {
        if (uri.getUser() != null && uri.getPass() != null) {
            return new UsernamePasswordCredentialsProvider(uri.getUser(), uri.getPass());
        }
        if (uri.getUser() != null && uri.getScheme() != null && uri.getScheme().startsWith("http")) {
            return new UsernamePasswordCredentialsProvider("dummy", uri.getUser()); // acb's rewrite of a bare PAT
        }
        return null;
    }

    /** Fetches the ref into {@code refs/slipway/fetched}; returns the remote ref's name (null for a commit). */
    private static String fetchRef(Git git, String url, String ref, CredentialsProvider credentials, Consumer<String> log)
            throws GitAPIException {
        Map<String, Ref> remote = git.lsRemote().setRemote(url).setCredentialsProvider(credentials)
                .setTimeout(TIMEOUT_SECONDS).callAsMap();
        String name = remoteName(remote, ref);
        String want = name != null ? name : ref.matches("[0-9a-fA-F]{40}") ? ref.toLowerCase() : null;
        if (want == null && !ref.matches("[0-9a-fA-F]{4,39}")) {
            throw new InvalidRefNameException("the reference '" + ref + "' is not in the repository");
        }
        if (want != null) {
            try {
                git.fetch().setRemote(url).setCredentialsProvider(credentials).setTimeout(TIMEOUT_SECONDS)
                        .setRefSpecs(new RefSpec("+" + want + ":" + FETCHED)).setDepth(1).call();
                if (git.getRepository().exactRef(FETCHED) != null) {
                    return name;
                }
            } catch (GitAPIException | IOException | RuntimeException e) {
                log.accept("Shallow fetch of " + (ref.isEmpty() ? "the default branch" : ref) + " failed, fetching the whole repository");
            }
        }
        List<RefSpec> specs = new java.util.ArrayList<>(List.of(new RefSpec("+refs/heads/*:refs/remotes/origin/*"),
                new RefSpec("+refs/tags/*:refs/tags/*")));
        if (name != null) {
            specs.add(new RefSpec("+" + name + ":" + FETCHED));
        }
        git.fetch().setRemote(url).setCredentialsProvider(credentials).setTimeout(TIMEOUT_SECONDS).setRefSpecs(specs)
                .call();
        try {
            Repository repo = git.getRepository();
            ObjectId id = repo.resolve((name != null ? FETCHED : ref) + "^{commit}");
            if (id == null) {
                throw new InvalidRefNameException("the reference '" + ref + "' is not in the repository");
            }
            var update = repo.updateRef(FETCHED);
            update.setNewObjectId(id);
            update.forceUpdate();
            return name;
        } catch (IOException e) {
            throw new JGitInternalException(e.getMessage(), e);
        }
    }

    /** The remote ref a fragment names: default branch, branch, tag, {@code pull/1/head} or a full ref. */
    private static String remoteName(Map<String, Ref> remote, String ref) {
        if (ref.isEmpty()) {
            Ref head = remote.get(Constants.HEAD);
            if (head == null) {
                return null;
            }
            if (head.isSymbolic()) {
                return head.getTarget().getName();
            }
            for (String guess : List.of("refs/heads/main", "refs/heads/master")) {
                Ref r = remote.get(guess);
                if (r != null && head.getObjectId().equals(r.getObjectId())) {
                    return guess;
                }
            }
            return remote.values().stream().filter(r -> r.getName().startsWith("refs/heads/")
                    && head.getObjectId().equals(r.getObjectId())).map(Ref::getName).findFirst().orElse(Constants.HEAD);
        }
        for (String candidate : List.of(ref, "refs/heads/" + ref, "refs/tags/" + ref, "refs/" + ref)) {
            if (candidate.startsWith("refs/") && remote.containsKey(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Checks the fetched commit out: on a local branch of the same name for branches, detached otherwise. */
    private static Fetched checkout(Git git, String remoteName) throws GitAPIException {
        try {
            Repository repo = git.getRepository();
            ObjectId commit = repo.resolve(FETCHED + "^{commit}");
            git.checkout().setName(commit.name()).call();
            String branch = remoteName != null && remoteName.startsWith(Constants.R_HEADS)
                    ? remoteName.substring(Constants.R_HEADS.length()) : null;
            if (branch != null) {
                git.checkout().setCreateBranch(true).setName(branch).setStartPoint(commit.name()).call();
            }
            return new Fetched(repo.resolve(Constants.HEAD).name(), branch == null ? "HEAD" : branch);
        } catch (IOException e) {
            throw new JGitInternalException(e.getMessage(), e);
        }
    }
}
