package dev.slipway.cli.repository;

import dev.slipway.cli.support.Api;
import dev.slipway.cli.support.CliException;

/** What a repository command acts on: a repository, a tag ({@code R:tag}) or a manifest ({@code R@digest}). */
record Target(String repository, String tag, String digest) {
    static Target repository(String name) {
        return new Target(check(name, name), null, null);
    }

    /** Parses {@code --image R:tag} or {@code --image R@sha256:...}. */
    static Target image(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            String digest = image.substring(at + 1);
            if (!digest.matches("[a-z0-9]+([+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+")) {
                throw CliException.usage("--image " + image + ": invalid digest '" + digest + "'");
            }
            return new Target(check(image.substring(0, at), image), null, digest);
        }
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            throw CliException.usage("--image " + image + ": expected REPOSITORY:TAG or REPOSITORY@DIGEST");
        }
        String tag = image.substring(colon + 1);
        if (!tag.matches("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}")) {
            throw CliException.usage("--image " + image + ": invalid tag '" + tag + "'");
        }
        return new Target(check(image.substring(0, colon), image), tag, null);
    }

    private static String check(String repository, String given) {
        if (!repository.matches("[a-z0-9]+([._-][a-z0-9]+)*(/[a-z0-9]+([._-][a-z0-9]+)*)*")) {
            throw CliException.usage("invalid repository name in '" + given + "' (lower-case letters, digits, '.', '_', '-', '/')");
        }
        return repository;
    }

    /** The locks/metadata API path: {@code /acr/v1/R}, {@code /acr/v1/R/_tags/T} or {@code /acr/v1/R/_manifests/D}. */
    String acrPath() {
        String base = "/acr/v1/" + Api.repo(repository);
        if (tag != null) {
            return base + "/_tags/" + Api.seg(tag);
        }
        if (digest != null) {
            return base + "/_manifests/" + Api.seg(digest);
        }
        return base;
    }

    String display() {
        return tag != null ? repository + ":" + tag : digest != null ? repository + "@" + digest : repository;
    }
}
