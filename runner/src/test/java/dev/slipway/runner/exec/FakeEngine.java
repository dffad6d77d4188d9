package dev.slipway.runner.exec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An engine that runs nothing: it records what would run ({@link #events()}, specs) and plays scripted containers
 * (exit code, real duration, output lines) chosen by image; builds and pushes succeed unless scripted to fail.
 */
final class FakeEngine implements Engine {
    /** What a container does: prints {@code output}, runs for {@code duration}, exits with {@code exit}. */
    record Script(int exit, Duration duration, List<String> output) {
        static Script ok(String... output) {
            return new Script(0, Duration.ZERO, List.of(output));
        }

        static Script exit(int code, String... output) {
            return new Script(code, Duration.ZERO, List.of(output));
        }

        static Script runs(Duration duration) {
            return new Script(0, duration, List.of());
        }
    }

    private static final class Container {
        final ContainerSpec spec;
        final Script script;
        final CountDownLatch done = new CountDownLatch(1);
        volatile int exit;

        Container(ContainerSpec spec, Script script) {
            this.spec = spec;
            this.script = script;
        }

        void finish(int code) {
            if (done.getCount() > 0) {
                exit = code;
                done.countDown();
            }
        }
    }

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Script>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final List<ContainerSpec> created = new CopyOnWriteArrayList<>();
    private final List<BuildSpec> builds = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> pushFailures = new ConcurrentHashMap<>();
    private final Map<String, String> pushed = new ConcurrentHashMap<>();
    /** Pulled images: those whose name holds "remote" or "missing" are not local before; "missing" never pulls. */
    private final List<String> local = new CopyOnWriteArrayList<>();
    private volatile String failLoginFor;

    /** Containers of {@code image} play these scripts in turn; the last one repeats. */
    FakeEngine script(String image, Script... plays) {
        scripts.put(image, new ArrayDeque<>(List.of(plays)));
        return this;
    }

    FakeEngine failPushes(String image, int times) {
        pushFailures.put(image, times);
        return this;
    }

    FakeEngine rejectLogin(String server) {
        failLoginFor = server;
        return this;
    }

    List<String> events() {
        return List.copyOf(events);
    }

    List<ContainerSpec> created() {
        return List.copyOf(created);
    }

    List<BuildSpec> builds() {
        return List.copyOf(builds);
    }

    static String digestOf(String image) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(image.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void createNetwork(String name, String driver) {
        events.add("network create " + name);
    }

    @Override
    public void removeNetwork(String name) {
        events.add("network remove " + name);
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        Deque<Script> plays = scripts.get(spec.image());
        Script script;
        if (plays == null) {
            script = Script.ok();
        } else {
            synchronized (plays) {
                script = plays.size() > 1 ? plays.poll() : plays.peek();
            }
        }
        containers.put(spec.name(), new Container(spec, script));
        created.add(spec);
        events.add("create " + spec.name());
        return "id-" + spec.name();
    }

    @Override
    public void startContainer(String name) {
        Container c = containers.get(name);
        events.add("start " + name);
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(c.script.duration());
                c.finish(c.script.exit());
            } catch (InterruptedException e) {
                // never interrupted
            }
        });
    }

    @Override
    public void followLogs(String name, Consumer<String> line) {
        Container c = containers.get(name);
        c.script.output().forEach(line);
        try {
            c.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public OptionalInt waitContainer(String name, Duration timeout) {
        Container c = containers.get(name);
        try {
            if (!c.done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return OptionalInt.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted");
        }
        events.add("exit " + name + " " + c.exit);
        return OptionalInt.of(c.exit);
    }

    @Override
    public void killContainer(String name) {
        Container c = containers.get(name);
        if (c != null && c.done.getCount() > 0) {
            events.add("kill " + name);
            c.finish(137);
        }
    }

    @Override
    public void removeContainer(String name) {
        Container c = containers.remove(name);
        if (c != null) {
            c.finish(137);
            events.add("remove " + name);
        }
    }

    @Override
    public String buildImage(BuildSpec spec, Consumer<String> output) {
        builds.add(spec);
        local.addAll(spec.tags());
        events.add("build " + String.join(",", spec.tags()));
        output.accept("Step 1/1 : FROM base");
        if (spec.buildArgs().containsKey("FAIL")) {
            throw new EngineException("failed to build image: The command '/bin/sh -c false' returned a non-zero code: 1");
        }
        return digestOf("image " + spec.tags());
    }

    @Override
    public void tagImage(String image, String tag) {
        events.add("tag " + image + " " + tag);
    }

    @Override
    public String pushImage(String image, RegistryLogin login, Consumer<String> output) {
        events.add("push " + image + (login == null ? "" : " as " + login));
        int left = pushFailures.getOrDefault(image, 0);
        if (left > 0) {
            pushFailures.put(image, left - 1);
            throw new EngineException("failed to push image " + image + ": connection refused");
        }
        output.accept("latest: digest: " + digestOf(image) + " size: 527");
        pushed.put(image, digestOf(image));
        return digestOf(image);
    }

    @Override
    public void pullImage(String image, RegistryLogin login, Consumer<String> output) {
        events.add("pull " + image + (login == null ? "" : " as " + login));
        if (image.contains("missing")) {
            throw new EngineException("failed to pull image " + image + ": manifest unknown");
        }
        output.accept("Status: Downloaded newer image for " + image);
        local.add(image);
    }

    @Override
    public Optional<ImageInfo> inspectImage(String image) {
        if (image.contains("remote") || image.contains("missing") || image.startsWith(DockerCli.LOCAL_REPOSITORY)) {
            if (!local.contains(image)) {
                return Optional.empty();
            }
        }
        List<String> digests = new ArrayList<>();
        if (image.startsWith("base")) {
            digests.add("registry.hub.docker.com/library/base@" + digestOf("base"));
        }
        return Optional.of(new ImageInfo(digestOf("id " + image), digests));
    }

    @Override
    public void checkLogin(RegistryLogin login) {
        events.add("login " + login.server());
        if (login.server().equals(failLoginFor)) {
            throw new EngineException("failed to log in to " + login.server() + ": unauthorized");
        }
    }
}
