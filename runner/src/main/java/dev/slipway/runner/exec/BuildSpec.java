package dev.slipway.runner.exec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An image build from a local context directory.
 *
 * @param dockerfile the Dockerfile, inside {@code context}
 * @param tags       full references, already prefixed with their registry
 * @param target     null for the last stage
 * @param platform   null for the engine's platform
 * @param network    null for the engine's default ({@code --network} of {@code docker build})
 * @param logins     credentials for the registries FROM images are pulled from
 */
public record BuildSpec(Path context, Path dockerfile, List<String> tags, Map<String, String> buildArgs,
                        String target, String platform, boolean noCache, boolean pull, Map<String, String> labels,
                        String network, List<RegistryLogin> logins) {
    public BuildSpec {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(dockerfile, "dockerfile");
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
        logins = List.copyOf(logins);
    }
}
