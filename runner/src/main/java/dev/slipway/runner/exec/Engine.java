package dev.slipway.runner.exec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The container engine as the executor needs it: the only thing that touches Docker, so every step behaviour can be
 * tested against a fake. Calls block; output arrives line by line (without line breaks) on the given consumers.
 * Failures are {@link EngineException}s. Blocking calls that take no timeout ({@link #buildImage},
 * {@link #pushImage}, {@link #followLogs}) must give up when their thread is interrupted.
 */
public interface Engine {

    void createNetwork(String name, String driver);

    /** Removes a network; no error when it is already gone. */
    void removeNetwork(String name);

    /** Creates (does not start) a container; returns its id. */
    String createContainer(ContainerSpec spec);

    void startContainer(String container);

    /** Streams the container's stdout and stderr lines to {@code line} until the container stops. */
    void followLogs(String container, Consumer<String> line);

    /** Waits for the container to exit: its exit code, or empty when {@code timeout} passed first. */
    OptionalInt waitContainer(String container, Duration timeout);

    /** Kills a running container; no error when it is not running or gone. */
    void killContainer(String container);

    /** Removes a container, killing it first if needed; no error when it is gone. */
    void removeContainer(String container);

    /** Builds an image; returns its id ({@code sha256:…}). A failed build throws with the daemon's message. */
    String buildImage(BuildSpec spec, Consumer<String> output);

    /** Adds {@code tag} (a full reference with tag) to an existing image. */
    void tagImage(String image, String tag);

    /**
     * Pushes {@code image} ({@code registry/repo:tag}) with {@code login} (null for anonymous); returns the manifest
     * digest the registry stored.
     */
    String pushImage(String image, RegistryLogin login, Consumer<String> output);

    /** Pulls {@code image} with {@code login} (null for anonymous). */
    void pullImage(String image, RegistryLogin login, Consumer<String> output);

    /** The local image, if present. */
    Optional<ImageInfo> inspectImage(String image);

    /**
     * Where a docker CLI inside a step reaches this engine: {@code unix:///path} (the socket is mounted at
     * /var/run/docker.sock) or a {@code tcp://} address passed as {@code DOCKER_HOST}.
     */
    default String dockerHost() {
        return "unix:///var/run/docker.sock";
    }

    /** Checks the credentials are accepted by their registry (acb's {@code docker login}); throws if not. */
    void checkLogin(RegistryLogin login);

    /**
     * A local image.
     *
     * @param repoDigests {@code registry/repo@sha256:…} for each registry the image was pushed to or pulled from
     */
    record ImageInfo(String id, List<String> repoDigests) {
        public ImageInfo {
            repoDigests = List.copyOf(repoDigests);
        }
    }
}
