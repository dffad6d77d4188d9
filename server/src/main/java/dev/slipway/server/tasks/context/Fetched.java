package dev.slipway.server.tasks.context;

/**
 * What fetching a context learned about it: the Git commit ({@code git rev-parse HEAD}) and branch
 * ({@code git rev-parse --abbrev-ref HEAD}, {@code HEAD} when detached); empty strings for other contexts.
 */
public record Fetched(String commit, String branch) {
    public static final Fetched NOTHING = new Fetched("", "");

    public Fetched {
        commit = commit == null ? "" : commit;
        branch = branch == null ? "" : branch;
    }

    /** The commit for the dependency report's {@code git-head-revision}, or null. */
    public String gitHeadRevision() {
        return commit.isEmpty() ? null : commit;
    }
}
