package dev.slipway.oci;

import java.util.regex.Pattern;

/** The spec grammar for repository names and tags. */
public final class Names {
    private static final Pattern REPOSITORY = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
    public static final int MAX_REPOSITORY_LENGTH = 255;

    private Names() {
    }

    public static String repository(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_REPOSITORY_LENGTH || !REPOSITORY.matcher(name).matches()) {
            throw new RegistryException(OciError.NAME_INVALID, "invalid repository name: " + name);
        }
        return name;
    }

    public static boolean isTag(String reference) {
        return reference != null && TAG.matcher(reference).matches();
    }

    public static String tag(String tag) {
        if (!isTag(tag)) {
            throw new RegistryException(OciError.TAG_INVALID, "invalid tag: " + tag);
        }
        return tag;
    }
}
