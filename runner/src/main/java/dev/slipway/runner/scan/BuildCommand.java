package dev.slipway.runner.scan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed {@code docker build} argument list: the {@code build:} string of an acr-task.yaml step or what
 * {@code az acr build} sends. Immutable; {@link DockerBuildCommand#parse} makes one.
 *
 * @param tags       {@code -t/--tag} values in order, as written (see {@link Tags} for the registry prefix)
 * @param dockerfile {@code -f/--file} as written, or null for {@code Dockerfile} at the context root
 * @param buildArgs  {@code --build-arg} values in order; a later one for the same name wins, as in Docker
 * @param target     {@code --target} stage, or null
 * @param platform   {@code --platform}, or null
 * @param noCache    {@code --no-cache}
 * @param pull       {@code --pull}
 * @param network    {@code --network}, or null
 * @param labels     {@code --label} values in order
 * @param context    the positional build context: a directory, a Git URL or a tarball URL
 * @param extra      every other flag, with its value, in order, to be passed on unchanged
 */
public record BuildCommand(List<String> tags, String dockerfile, Map<String, String> buildArgs, String target,
        String platform, boolean noCache, boolean pull, String network, Map<String, String> labels, String context,
        List<String> extra) {

    public BuildCommand {
        tags = List.copyOf(tags);
        buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        extra = List.copyOf(extra);
        if (context == null || context.isEmpty()) {
            throw new IllegalArgumentException("a build command needs a context");
        }
    }

    /** This command with other tags, e.g. after {@link Tags#prefixRegistry(List, String, Set)}. */
    public BuildCommand withTags(List<String> newTags) {
        return new BuildCommand(newTags, dockerfile, buildArgs, target, platform, noCache, pull, network, labels,
                context, extra);
    }

    /**
     * The Dockerfile's path: {@code -f} when given, else {@code Dockerfile} inside a local context. For a remote
     * context (Git or tarball URL) the path is relative to the fetched context's root.
     */
    public String dockerfilePath() {
        if (dockerfile != null) {
            return dockerfile;
        }
        if (isRemoteContext() || context.equals(".") || context.equals("./")) {
            return "Dockerfile";
        }
        return context.endsWith("/") ? context + "Dockerfile" : context + "/Dockerfile";
    }

    /** Whether the context is fetched (Git, HTTP(S) tarball, OCI artifact) rather than a local directory. */
    public boolean isRemoteContext() {
        return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
    }
}
