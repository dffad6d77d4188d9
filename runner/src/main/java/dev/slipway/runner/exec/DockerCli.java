package dev.slipway.runner.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The image {@code cmd: docker …} steps run in (acb runs them in a docker-CLI image with the daemon's socket).
 * With no Docker Hub, the default is built once on the engine from the host's own client: {@code FROM scratch}
 * + {@code /usr/bin/docker} (dynamically linked to libc only, so its loader and libc come along) + busybox as
 * {@code /bin/sh}, tagged {@code slipway/docker-cli:<first 12 hex of the binary's sha256>} so a new client makes a
 * new image. {@code SLIPWAY_DOCKER_CLI_IMAGE} (or {@code -Dslipway.dockerCliImage}) points elsewhere, e.g.
 * {@code docker:cli}; that image is pulled like any other.
 */
final class DockerCli {
    static final String LOCAL_REPOSITORY = "slipway/docker-cli";
    static final Path CLIENT = Path.of(System.getProperty("slipway.dockerCliBinary", "/usr/bin/docker"));
    static final List<Path> LIBS = List.of(Path.of("/lib64/ld-linux-x86-64.so.2"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"));
    static final Path BUSYBOX = Path.of("/bin/busybox");
    private static volatile String localTag;

    private DockerCli() {
    }

    /** Whether a cmd runs the docker CLI: its first word is {@code docker}. */
    static boolean isDockerCommand(List<String> words) {
        return !words.isEmpty() && words.getFirst().equals("docker");
    }

    /** The configured image, else the local one named after the host client's hash. */
    static String image() {
        String configured = Optional.ofNullable(System.getProperty("slipway.dockerCliImage"))
                .orElse(System.getenv("SLIPWAY_DOCKER_CLI_IMAGE"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String tag = localTag;
        if (tag == null) {
            tag = localTag = LOCAL_REPOSITORY + ":" + hash(CLIENT).substring(0, 12);
        }
        return tag;
    }

    /** Builds the local CLI image when it is missing; other images are left to the step's pull. */
    static void ensure(Engine engine, String image, Consumer<String> output) {
        if (!image.startsWith(LOCAL_REPOSITORY + ":") || engine.inspectImage(image).isPresent()) {
            return;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("slipway-docker-cli-");
            Files.copy(CLIENT, dir.resolve("docker"));
            Files.copy(LIBS.get(0), dir.resolve("ld-linux-x86-64.so.2"));
            Files.copy(LIBS.get(1), dir.resolve("libc.so.6"));
            Files.copy(BUSYBOX, dir.resolve("busybox"));
            Files.writeString(dir.resolve("Dockerfile"), """
                    FROM scratch
                    COPY ld-linux-x86-64.so.2 /lib64/ld-linux-x86-64.so.2
                    COPY libc.so.6 /lib/x86_64-linux-gnu/libc.so.6
                    COPY busybox /bin/busybox
                    COPY docker /usr/local/bin/docker
                    RUN ["/bin/busybox", "--install", "-s", "/bin"]
                    ENV PATH=/usr/local/bin:/bin
                    ENTRYPOINT ["docker"]
                    """);
            output.accept("Building the docker CLI image " + image + " from " + CLIENT);
            engine.buildImage(new BuildSpec(dir, dir.resolve("Dockerfile"), List.of(image), Map.of(), null, null,
                    false, false, Map.of(), null, List.of()), output);
        } catch (IOException e) {
            throw new StepFailure("cannot build the docker CLI image from " + CLIENT + ": " + e.getMessage());
        } finally {
            delete(dir);
        }
    }

    private static String hash(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the docker client " + file, e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
