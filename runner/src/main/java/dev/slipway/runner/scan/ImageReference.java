package dev.slipway.runner.scan;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An image reference as acb reports it in its dependency JSON: where the image lives ({@code registry},
 * {@code repository}), which version ({@code tag}, {@code digest}) and what the user wrote ({@code reference}).
 *
 * <p>{@link #parse} follows Docker's grammar ({@code [registry/]repository[:tag][@digest]}) and acb's normalisation:
 * an image without a registry lives on Docker Hub, named {@value #DOCKER_HUB}, and official images get the
 * {@code library/} prefix; a reference with neither tag nor digest means {@code :latest}. Unlike acb, the Docker Hub
 * aliases ({@code docker.io}, {@code index.docker.io}, {@code registry-1.docker.io}) normalise too, so
 * {@code docker.io/node} and {@code node} are one dependency and one trigger, and a {@code localhost:5000/app}
 * registry is a registry rather than a Docker Hub user called "localhost:5000".
 *
 * @param registry   registry host (lower-case, with port if any), e.g. {@code registry.hub.docker.com}
 * @param repository repository path inside the registry, e.g. {@code library/node}
 * @param tag        tag, or null when the image is pinned by digest only
 * @param digest     content digest, or null until known (written or resolved after the build)
 * @param reference  the reference as written, with {@code :latest} added when it had neither tag nor digest
 */
public record ImageReference(String registry, String repository, String tag, String digest, String reference) {

    /** The name acb gives Docker Hub; base-image triggers compare against it. */
    public static final String DOCKER_HUB = "registry.hub.docker.com";

    private static final Set<String> DOCKER_HUB_ALIASES =
            Set.of(DOCKER_HUB, "docker.io", "index.docker.io", "registry-1.docker.io");
    // distribution/reference grammar.
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
                    + "|\\[[0-9a-fA-F:.]+])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    private static final int NAME_MAX = 255;

    public ImageReference {
        requireText(registry, "registry");
        requireText(repository, "repository");
        requireText(reference, "reference");
        if (tag != null && tag.isEmpty()) {
            tag = null;
        }
        if (digest != null && digest.isEmpty()) {
            digest = null;
        }
    }

    /**
     * Parses and normalises {@code text}; throws {@link ScanException} naming what is wrong (a bad character, an
     * upper-case letter in the repository, an empty tag…) instead of Docker's "invalid reference format".
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw invalid(text, "it contains whitespace");
            }
        }
        String name = text;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
            checkDigest(text, digest);
        }
        String tag = null;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(text, tag.isEmpty() ? "the tag after ':' is empty"
                        : "tag '" + tag + "' may have only letters, digits, '_', '.' and '-', must not start with"
                        + " '.' or '-', and is at most 128 characters");
            }
        }
        if (name.isEmpty()) {
            throw invalid(text, "the repository name is missing");
        }
        String registry = null;
        String path = name;
        int slash = name.indexOf('/');
        if (slash >= 0 && isRegistry(name.substring(0, slash))) {
            registry = name.substring(0, slash);
            path = name.substring(slash + 1);
            if (!HOST.matcher(registry).matches()) {
                throw invalid(text, "registry '" + registry + "' is not a valid host[:port]");
            }
            registry = registry.toLowerCase(Locale.ROOT); // host names are case-insensitive; compare them one way
        }
        checkPath(text, path);
        if (name.length() > NAME_MAX) {
            throw invalid(text, "the name is longer than " + NAME_MAX + " characters");
        }
        if (registry == null || DOCKER_HUB_ALIASES.contains(registry)) {
            registry = DOCKER_HUB;
            if (path.indexOf('/') < 0) {
                path = "library/" + path;
            }
        }
        String reference = text;
        if (tag == null && digest == null) {
            tag = "latest";
            reference = text + ":latest";
        }
        return new ImageReference(registry, path, tag, digest, reference);
    }

    /**
     * Docker's rule for the first path component: it names a registry when it looks like a host (a dot or a port) or
     * is {@code localhost}; otherwise {@code myorg/app} is a Docker Hub repository.
     */
    static boolean isRegistry(String firstComponent) {
        return firstComponent.contains(".") || firstComponent.contains(":") || firstComponent.equals("localhost");
    }

    /** {@code registry/repository}: the repository as a trigger watches it. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The normalised reference, {@code registry/repository[:tag][@digest]}; the key for comparing images. */
    public String fullName() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** This reference with the digest the executor resolved after the build. */
    public ImageReference withDigest(String resolved) {
        if (resolved != null && !resolved.isEmpty()) {
            checkDigest(resolved, resolved);
        }
        return new ImageReference(registry, repository, tag, resolved, reference);
    }

    @Override
    public String toString() {
        return fullName();
    }

    private static void checkPath(String text, String path) {
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw invalid(text, "the repository path '" + path + "' has an empty component");
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw invalid(text, !component.equals(component.toLowerCase(Locale.ROOT))
                        ? "repository name '" + path + "' must be lower-case"
                        : "repository path component '" + component + "' may have only lower-case letters, digits"
                        + " and the separators '.', '_', '__' or '-', and must start and end with a letter or digit");
            }
        }
    }

    private static void checkDigest(String text, String digest) {
        if (digest.isEmpty()) {
            throw invalid(text, "the digest after '@' is empty");
        }
        boolean valid = DIGEST.matcher(digest).matches();
        if (valid && digest.startsWith("sha256:")) {
            valid = digest.length() == 7 + 64 && digest.substring(7).chars().allMatch(ImageReference::isLowerHex);
        } else if (valid && digest.startsWith("sha512:")) {
            valid = digest.length() == 7 + 128 && digest.substring(7).chars().allMatch(ImageReference::isLowerHex);
        }
        if (!valid) {
            throw invalid(text, "digest '" + digest + "' is not algorithm:hex such as"
                    + " sha256:<64 lower-case hex digits>");
        }
    }

    private static boolean isLowerHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    private static ScanException invalid(String text, String why) {
        return new ScanException("invalid image reference '" + Objects.toString(text, "") + "': " + why);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an image reference needs a " + what);
        }
    }
}
