package dev.slipway.runner.exec;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The image half of {@link DockerEngine}: build, tag, push, inspect, and checking registry credentials. */
final class DockerImages {
    private final Supplier<DockerClient> client;

    DockerImages(Supplier<DockerClient> client) {
        this.client = client;
    }

    String build(BuildSpec spec, Consumer<String> output) {
        BuildImageCmd cmd = client.get().buildImageCmd().withBaseDirectory(spec.context().toFile())
                .withDockerfile(spec.dockerfile().toFile()).withTags(new LinkedHashSet<>(spec.tags()))
                .withNoCache(spec.noCache()).withPull(spec.pull()).withRemove(true).withForcerm(true);
        spec.buildArgs().forEach(cmd::withBuildArg);
        if (!spec.labels().isEmpty()) {
            cmd.withLabels(spec.labels());
        }
        if (spec.target() != null) {
            cmd.withTarget(spec.target());
        }
        if (spec.platform() != null) {
            cmd.withPlatform(spec.platform());
        }
        if (spec.network() != null) {
            cmd.withNetworkMode(spec.network());
        }
        if (!spec.logins().isEmpty()) {
            var configs = new AuthConfigurations();
            spec.logins().forEach(l -> configs.addConfig(auth(l)));
            cmd.withBuildAuthConfigs(configs);
        }
        var lines = new LineSplitter(output);
        var imageId = new AtomicReference<String>();
        var callback = new Collector<BuildResponseItem>(item -> {
            lines.accept(item.getStream());
            if (item.getImageId() != null) {
                imageId.set(item.getImageId());
            }
        });
        DockerEngine.call("build image", () -> cmd.exec(callback));
        callback.await("build image");
        lines.flush();
        if (imageId.get() == null) {
            throw new EngineException("failed to build image: the engine reported no image id");
        }
        String id = imageId.get();
        return id.startsWith("sha256:") ? id : inspect(id).map(Engine.ImageInfo::id).orElse(id);
    }

    void tag(String image, String tag) {
        int colon = tag.lastIndexOf(':');
        boolean hasTag = colon > tag.lastIndexOf('/');
        DockerEngine.call("tag image " + image + " as " + tag, () -> client.get()
                .tagImageCmd(image, hasTag ? tag.substring(0, colon) : tag, hasTag ? tag.substring(colon + 1) : "latest")
                .withForce().exec());
    }

    String push(String image, RegistryLogin login, Consumer<String> output) {
        int colon = image.lastIndexOf(':');
        boolean hasTag = colon > image.lastIndexOf('/');
        var cmd = client.get().pushImageCmd(hasTag ? image.substring(0, colon) : image)
                .withTag(hasTag ? image.substring(colon + 1) : "latest");
        if (login != null) {
            cmd.withAuthConfig(auth(login));
        }
        var digest = new AtomicReference<String>();
        var callback = new Collector<PushResponseItem>(item -> {
            if (item.getAux() != null && item.getAux().getDigest() != null) {
                digest.set(item.getAux().getDigest());
            } else if (digest.get() == null && item.getStatus() != null) {
                // Podman sends no aux record, only the docker CLI's "<tag>: digest: sha256:… size: N" status line.
                pushedDigest(item.getStatus()).ifPresent(digest::set);
            }
            // Progress bars would flood the log; the docker CLI shows them in place, we keep status changes only.
            if (item.getStatus() != null && item.getProgressDetail() == null) {
                output.accept(item.getId() == null ? item.getStatus() : item.getId() + ": " + item.getStatus());
            }
        });
        DockerEngine.call("push image " + image, () -> cmd.exec(callback));
        callback.await("push image " + image);
        if (digest.get() == null) {
            throw new EngineException("failed to push image " + image + ": the registry returned no digest");
        }
        return digest.get();
    }

    void pull(String image, RegistryLogin login, Consumer<String> output) {
        int colon = image.lastIndexOf(':');
        boolean byDigest = image.contains("@");
        boolean hasTag = !byDigest && colon > image.lastIndexOf('/');
        var cmd = client.get().pullImageCmd(hasTag ? image.substring(0, colon) : image);
        if (!byDigest) {
            cmd.withTag(hasTag ? image.substring(colon + 1) : "latest");
        }
        if (login != null) {
            cmd.withAuthConfig(auth(login));
        }
        var callback = new Collector<com.github.dockerjava.api.model.PullResponseItem>(item -> {
            if (item.getStatus() != null && item.getProgressDetail() == null) {
                output.accept(item.getId() == null ? item.getStatus() : item.getId() + ": " + item.getStatus());
            }
        });
        DockerEngine.call("pull image " + image, () -> cmd.exec(callback));
        callback.await("pull image " + image);
    }

    private static final java.util.regex.Pattern PUSHED = java.util.regex.Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    static Optional<String> pushedDigest(String status) {
        var m = PUSHED.matcher(status);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    Optional<Engine.ImageInfo> inspect(String image) {
        try {
            var r = client.get().inspectImageCmd(image).exec();
            return Optional.of(new Engine.ImageInfo(r.getId(), r.getRepoDigests() == null ? List.of() : r.getRepoDigests()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    void checkLogin(RegistryLogin login) {
        if (login.registryToken() == null) {
            DockerEngine.call("log in to " + login.server(), () -> client.get().authCmd().withAuthConfig(auth(login)).exec());
            return;
        }
        // dockerd's /auth ignores registry tokens, so ask the registry itself whether it takes the bearer token.
        String host = login.server();
        boolean loopback = host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("[::1]");
        var request = HttpRequest.newBuilder(URI.create((loopback ? "http://" : "https://") + host + "/v2/"))
                .header("Authorization", "Bearer " + login.registryToken()).timeout(Duration.ofSeconds(30)).build();
        try {
            int status = LoginCheck.HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                throw new EngineException("failed to log in to " + host + ": the registry answered " + status);
            }
        } catch (IOException e) {
            throw new EngineException("failed to log in to " + host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("logging in to " + host + " was interrupted");
        }
    }

    /**
     * One client for every login check: creating and closing a client per run cost ~0.1 s (its selector thread
     * starts, and close() waits for it to stop).
     */
    private static final class LoginCheck {
        static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A registry token goes as {@code registrytoken}: dockerd sends it to the registry as the bearer token. */
    static AuthConfig auth(RegistryLogin login) {
        var auth = new AuthConfig().withRegistryAddress(login.server());
        if (login.registryToken() != null) {
            // dockerd uses registrytoken as the bearer token and ignores the rest; Podman ignores registrytoken
            // and logs in with the username and password, which the registry accepts for its own run tokens.
            return auth.withRegistrytoken(login.registryToken()).withUsername(RegistryLogin.TOKEN_USER)
                    .withPassword(login.registryToken());
        }
        return auth.withUsername(login.username()).withPassword(login.password());
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            // closing a finished stream: nothing left to do
        }
    }

    /** Collects streamed items, remembering the first error the engine reported in the stream. */
    private static final class Collector<T extends ResponseItem> extends ResultCallback.Adapter<T> {
        private final Consumer<T> onItem;
        private volatile String error;

        Collector(Consumer<T> onItem) {
            this.onItem = onItem;
        }

        @Override
        public void onNext(T item) {
            if (item.isErrorIndicated() && error == null) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            }
            onItem.accept(item);
        }

        void await(String action) {
            try {
                awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException(action + " was interrupted");
            } catch (RuntimeException e) {
                throw new EngineException("failed to " + action + ": " + e.getMessage(), e);
            } finally {
                closeQuietly(this);
            }
            if (error != null) {
                throw new EngineException("failed to " + action + ": " + error);
            }
        }
    }
}
