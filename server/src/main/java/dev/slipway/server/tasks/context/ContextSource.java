package dev.slipway.server.tasks.context;

import java.util.regex.Pattern;

/**
 * Where a run's files come from, parsed from its source location: an uploaded tar.gz, nothing, a Git repository,
 * a tarball URL or an OCI artifact (ACR's context forms, §7.4).
 */
public sealed interface ContextSource {
    String NONE = "/dev/null";

    /** The location as the log may show it: credentials in URLs replaced by {@code <REDACTED>}. */
    String display();

    /** {@code upload:sha256:<hex>}: a tar.gz the CLI uploaded. */
    record Upload(String hex) implements ContextSource {
        public String display() {
            return "upload:sha256:" + hex;
        }
    }

    /** {@code /dev/null}: no files. */
    record None() implements ContextSource {
        public String display() {
            return NONE;
        }
    }

    /**
     * A Git repository with {@code #ref:folder}.
     *
     * @param url    the clone URL without the fragment (may hold credentials as userinfo)
     * @param ref    branch, tag, commit or ref such as {@code pull/1/head}; empty for the default branch
     * @param folder the sub-directory that becomes the context; empty for the repository's root
     */
    record Git(String url, String ref, String folder) implements ContextSource {
        public String display() {
            return GitUrls.redact(url) + (ref.isEmpty() && folder.isEmpty() ? "" : "#" + ref + (folder.isEmpty() ? "" : ":" + folder));
        }
    }

    /** An http(s) URL of a tar or tar.gz archive. {@code warning} is acb's note for a GitHub URL without .git. */
    record Tarball(String url, String warning) implements ContextSource {
        public String display() {
            return GitUrls.redact(url);
        }
    }

    /** {@code oci://registry/repository:tag} or {@code @digest}: an artifact (as oras pushes one). */
    record Oci(String registry, String repository, String reference) implements ContextSource {
        public String display() {
            return "oci://" + registry + "/" + repository + (reference.startsWith("sha256:") ? "@" : ":") + reference;
        }
    }

    Pattern UPLOAD = Pattern.compile("upload:sha256:([0-9a-f]{64})");

    /** @throws IllegalArgumentException for a location that is none of the supported forms */
    static ContextSource parse(String location) {
        if (location == null || location.isBlank() || location.equals(NONE)) {
            return new None();
        }
        var m = UPLOAD.matcher(location);
        if (m.matches()) {
            return new Upload(m.group(1));
        }
        if (location.startsWith("oci://")) {
            return oci(location.substring("oci://".length()), location);
        }
        if (GitUrls.isGitUrl(location)) {
            return GitUrls.parse(location);
        }
        String lower = location.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            String warning = lower.matches("https?://(www\\.)?github\\.com/.*")
                    ? "WARNING: " + GitUrls.redact(location) + " might not be valid context. Valid Git repositories should end with .git."
                    : null;
            return new Tarball(location, warning);
        }
        throw new IllegalArgumentException("unsupported source location '" + GitUrls.redact(location)
                + "': use /dev/null, an uploaded context (upload:sha256:<hex>), a Git URL (https://…/repo.git#ref:folder),"
                + " a tarball URL or oci://registry/repository:tag");
    }

    private static Oci oci(String rest, String location) {
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException("the OCI context " + location + " needs oci://registry/repository:tag");
        }
        String registry = rest.substring(0, slash);
        String name = rest.substring(slash + 1);
        String reference = "latest";
        int at = name.indexOf('@');
        if (at >= 0) {
            reference = name.substring(at + 1);
            name = name.substring(0, at);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                reference = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
        }
        if (!name.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*")
                || !reference.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the OCI context " + location + " is not a valid reference");
        }
        return new Oci(registry.toLowerCase(java.util.Locale.ROOT), name, reference);
    }
}
