package dev.slipway.server.tasks.context;

import java.util.Locale;
import java.util.regex.Pattern;

/** Docker's Git URL rules ({@code urlutil.IsGitURL}), the {@code #ref:folder} fragment and credential redaction. */
public final class GitUrls {
    /** Docker's {@code .git(?:#.+)?$}; Azure DevOps' {@code /_git/} paths need no suffix. */
    private static final Pattern GIT_SUFFIX = Pattern.compile(".*\\.git(?:#.*)?$");
    private static final Pattern USERINFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@#]+@");

    private GitUrls() {
    }

    public static boolean isGitUrl(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("git://") || lower.startsWith("git@") || lower.startsWith("github.com/")) {
            return true;
        }
        boolean http = lower.startsWith("http://") || lower.startsWith("https://");
        if (http && (GIT_SUFFIX.matcher(s).matches() || lower.contains("/_git/"))) {
            return true;
        }
        // Local repositories (tests, a mirror on the server's disk).
        return (lower.startsWith("file://") || s.startsWith("/")) && GIT_SUFFIX.matcher(s).matches();
    }

    /** {@code https://user:token@host/…} → {@code https://<REDACTED>@host/…}; anything else unchanged. */
    public static String redact(String url) {
        return url == null ? null : USERINFO.matcher(url).replaceFirst("$1<REDACTED>@");
    }

    static ContextSource.Git parse(String location) {
        String url = location;
        String fragment = "";
        int hash = location.indexOf('#');
        if (hash >= 0) {
            url = location.substring(0, hash);
            fragment = location.substring(hash + 1);
        }
        if (url.toLowerCase(Locale.ROOT).startsWith("github.com/")) {
            url = "https://" + url;
        } else if (url.startsWith("/")) {
            url = "file://" + url;
        }
        int colon = fragment.indexOf(':');
        String ref = colon < 0 ? fragment : fragment.substring(0, colon);
        String folder = colon < 0 ? "" : fragment.substring(colon + 1);
        if (ref.startsWith("-") || ref.contains("..") || ref.contains(" ")) {
            throw new IllegalArgumentException("invalid Git reference '" + ref + "'");
        }
        return new ContextSource.Git(url, ref, folder);
    }
}
