package dev.slipway.runner.exec;

import java.util.List;
import java.util.Objects;

/**
 * A container to create, as {@code docker run} flags would describe it.
 *
 * @param entrypoint   null keeps the image's entrypoint; a list replaces it
 * @param workingDir   null keeps the image's WORKDIR
 * @param user         null keeps the image's user
 * @param binds        {@code source:target[:ro]}; a source is a host path or a named volume
 * @param network      null for the engine's default network
 * @param aliases      DNS names on {@code network} (user-defined networks only)
 * @param exposedPorts {@code --expose} values, {@code port[/proto]}
 * @param publish      {@code -p} values, {@code [ip:][hostPort:]containerPort[/proto]}
 */
public record ContainerSpec(String name, String image, List<String> entrypoint, List<String> cmd, List<String> env,
                            String workingDir, String user, boolean privileged, List<String> binds, String network,
                            List<String> aliases, List<String> exposedPorts, List<String> publish) {
    public ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        env = List.copyOf(env);
        binds = List.copyOf(binds);
        aliases = List.copyOf(aliases);
        exposedPorts = List.copyOf(exposedPorts);
        publish = List.copyOf(publish);
    }
}
