package dev.slipway.runner.exec;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@link Engine} on the Docker Engine API (Docker or Podman's compatible socket) through docker-java. Images are
 * in {@link DockerImages}; this class does networks and containers. Thread-safe: docker-java clients are.
 */
public final class DockerEngine implements Engine {
    private final Supplier<DockerClient> client;
    private final DockerImages images;

    DockerEngine(Supplier<DockerClient> client) {
        this.client = client;
        this.images = new DockerImages(client);
    }

    /** The engine at {@code DOCKER_HOST}, else {@code unix:///var/run/docker.sock}; connects on first use. */
    public static DockerEngine fromEnvironment() {
        return new DockerEngine(new Lazy<>(DockerEngine::connect));
    }

    private static DockerClient connect() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig()).maxConnections(200)
                .connectionTimeout(Duration.ofSeconds(30)).build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public String dockerHost() {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().toString();
    }

    @Override
    public void createNetwork(String name, String driver) {
        call("create network " + name, () -> client.get().createNetworkCmd().withName(name)
                .withDriver(driver == null ? "bridge" : driver).withCheckDuplicate(true).exec());
    }

    @Override
    public void removeNetwork(String name) {
        quietly("remove network " + name, () -> client.get().removeNetworkCmd(name).exec());
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        return call("create container " + spec.name(), () -> {
            HostConfig host = HostConfig.newHostConfig().withPrivileged(spec.privileged())
                    .withBinds(spec.binds().stream().map(Bind::parse).toList())
                    .withPortBindings(spec.publish().stream().map(PortBinding::parse).toList());
            if (spec.network() != null) {
                host.withNetworkMode(spec.network());
            }
            CreateContainerCmd cmd = client.get().createContainerCmd(spec.image()).withName(spec.name())
                    .withCmd(spec.cmd()).withEnv(spec.env()).withHostConfig(host)
                    .withExposedPorts(spec.exposedPorts().stream().map(ExposedPort::parse).toList());
            if (spec.entrypoint() != null) {
                cmd.withEntrypoint(spec.entrypoint());
            }
            if (spec.workingDir() != null) {
                cmd.withWorkingDir(spec.workingDir());
            }
            if (spec.user() != null) {
                cmd.withUser(spec.user());
            }
            if (!spec.aliases().isEmpty()) {
                cmd.withAliases(spec.aliases());
            }
            return cmd.exec().getId();
        });
    }

    @Override
    public void startContainer(String container) {
        call("start container " + container, () -> client.get().startContainerCmd(container).exec());
    }

    @Override
    public void followLogs(String container, Consumer<String> line) {
        var out = new LineSplitter(line);
        var err = new LineSplitter(line);
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                (frame.getStreamType() == StreamType.STDERR ? err : out).accept(text);
            }
        };
        call("follow logs of " + container, () -> client.get().logContainerCmd(container).withFollowStream(true)
                .withStdOut(true).withStdErr(true).exec(callback));
        try {
            callback.awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            DockerImages.closeQuietly(callback);
            out.flush();
            err.flush();
        }
    }

    @Override
    public OptionalInt waitContainer(String container, Duration timeout) {
        var exit = new AtomicInteger(Integer.MIN_VALUE);
        var callback = new WaitContainerResultCallback() {
            @Override
            public void onNext(WaitResponse response) {
                exit.set(response.getStatusCode() == null ? -1 : response.getStatusCode());
                super.onNext(response);
            }
        };
        call("wait for container " + container, () -> client.get().waitContainerCmd(container).exec(callback));
        try {
            boolean done = callback.awaitCompletion(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return done && exit.get() != Integer.MIN_VALUE ? OptionalInt.of(exit.get()) : OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("waiting for container " + container + " was interrupted");
        } finally {
            DockerImages.closeQuietly(callback);
        }
    }

    @Override
    public void killContainer(String container) {
        quietly("kill container " + container, () -> client.get().killContainerCmd(container).exec());
    }

    @Override
    public void removeContainer(String container) {
        quietly("remove container " + container,
                () -> client.get().removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec());
    }

    @Override
    public String buildImage(BuildSpec spec, Consumer<String> output) {
        return images.build(spec, output);
    }

    @Override
    public void tagImage(String image, String tag) {
        images.tag(image, tag);
    }

    @Override
    public String pushImage(String image, RegistryLogin login, Consumer<String> output) {
        return images.push(image, login, output);
    }

    @Override
    public void pullImage(String image, RegistryLogin login, Consumer<String> output) {
        images.pull(image, login, output);
    }

    @Override
    public Optional<ImageInfo> inspectImage(String image) {
        return images.inspect(image);
    }

    @Override
    public void checkLogin(RegistryLogin login) {
        images.checkLogin(login);
    }

    static <T> T call(String action, Supplier<T> body) {
        try {
            return body.get();
        } catch (DockerException e) {
            throw new EngineException("failed to " + action + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new EngineException("failed to " + action + ": " + e, e);
        }
    }

    private static void call(String action, Runnable body) {
        call(action, () -> {
            body.run();
            return null;
        });
    }

    /** Cleanup: a container or network that is already gone (or stopped) is what we wanted anyway. */
    private static void quietly(String action, Runnable body) {
        try {
            body.run();
        } catch (NotFoundException | NotModifiedException | ConflictException e) {
            // already gone, not running, or being removed
        } catch (DockerException e) {
            throw new EngineException("failed to " + action + ": " + e.getMessage(), e);
        }
    }

    /** Connects on first use so that building an executor never fails on a machine without Docker. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) {
                        value = factory.get();
                    }
                    v = value;
                }
            }
            return v;
        }
    }
}
