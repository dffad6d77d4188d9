package dev.slipway.runner.exec;

import dev.slipway.runner.scan.DependencyReport;
import dev.slipway.runner.spec.BuildStep;
import dev.slipway.runner.spec.CmdStep;
import dev.slipway.runner.spec.NetworkSpec;
import dev.slipway.runner.spec.StepProperties;
import dev.slipway.runner.spec.VolumeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What one run shares between its steps while it executes: the request, the engine, the log, the networks and
 * temp directories it made, the containers still to clean up, and what builds and pushes produced. Thread-safe:
 * steps run concurrently. {@link #close()} removes everything the run created.
 */
final class RunContext implements AutoCloseable {
    static final String WORKSPACE = "/workspace";
    static final String HOME = "/acb/home";

    final RunRequest request;
    final Engine engine;
    final AcbLog log;
    final Clock clock;
    final Sleeper sleeper;
    private final Map<String, String> networks = new LinkedHashMap<>();
    private final Map<String, Path> volumes = new LinkedHashMap<>();
    private final Map<String, Boolean> containers = new ConcurrentHashMap<>();
    private final Map<String, String> pushed = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, DependencyReport> reports = new ConcurrentHashMap<>();
    private volatile boolean aborted;
    private Path temp;

    RunContext(RunRequest request, Engine engine, AcbLog log, Clock clock, Sleeper sleeper) {
        this.request = request;
        this.engine = engine;
        this.log = log;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Networks, the shared home directory and secret volumes; throws EngineException or UncheckedIOException. */
    void setUp() {
        // Only containers of cmd steps (and builds given --network) join the run's networks. Creating one costs
        // the engine ~0.4 s, a quarter of a small quick build, so runs of build and push steps only skip it.
        boolean networksUsed = request.task().spec().steps().stream()
                .anyMatch(s -> s instanceof CmdStep || s instanceof BuildStep b && b.build().contains("--network"));
        for (NetworkSpec network : request.task().spec().networks()) {
            if (network.skipCreation() || !networksUsed) {
                continue;
            }
            // Run-scoped names: two runs of the same task must not share (or delete) each other's network.
            String name = request.runId() + "_" + network.name();
            String driver = network.driver().orElse("bridge");
            log.info("Creating Docker network: %s, driver: '%s'", network.name(), driver);
            engine.createNetwork(name, driver);
            networks.put(network.name(), name);
            log.info("Successfully set up Docker network: %s", network.name());
        }
        try {
            temp = Files.createTempDirectory("slipway-run-" + request.runId().replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
            Files.createDirectories(temp.resolve("home"));
            DockerConfig.write(temp.resolve("home"), request.logins());
            for (VolumeSpec volume : request.task().spec().volumes()) {
                Path dir = Files.createDirectories(temp.resolve("volumes").resolve(volume.name()));
                for (var file : volume.secret().entrySet()) {
                    Files.write(dir.resolve(file.getKey()), Base64.getDecoder().decode(file.getValue().trim()));
                }
                volumes.put(volume.name(), dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to prepare the run's directories", e);
        } catch (IllegalArgumentException e) {
            throw new EngineException("a secret volume value is not base64: " + e.getMessage());
        }
    }

    /** Docker's name for a step's container: run-scoped so that concurrent runs never collide. */
    String containerName(String stepId) {
        return (request.runId() + "-" + stepId).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The Docker network for a network named in the task: the run's own copy if the run created it. */
    String dockerNetwork(String name) {
        return networks.getOrDefault(name, name);
    }

    /** Whether steps on this network can have their step id as a DNS alias (user-defined networks only). */
    boolean supportsAliases(String dockerNetwork) {
        return networks.containsValue(dockerNetwork)
                || !Set.of("host", "none", "bridge", "default").contains(dockerNetwork)
                && !dockerNetwork.startsWith("container:");
    }

    Path homeDirectory() {
        return temp.resolve("home");
    }

    Optional<Path> volume(String name) {
        return Optional.ofNullable(volumes.get(name));
    }

    /** The container working directory of a step: acb's rule, relative paths hang under /workspace. */
    static String workdir(StepProperties p) {
        String wd = p.workingDirectory().orElse("");
        if (wd.isEmpty()) {
            return WORKSPACE;
        }
        return wd.startsWith("/") ? wd : WORKSPACE + "/" + wd;
    }

    /** The host path behind a container path under /workspace; empty for any other path. */
    Optional<Path> hostPath(String containerPath) {
        Path path = Path.of(containerPath).normalize();
        Path root = Path.of(WORKSPACE);
        if (!path.startsWith(root)) {
            return Optional.empty();
        }
        return Optional.of(request.workspace().resolve(root.relativize(path).toString()).normalize());
    }

    void started(String container, boolean keep) {
        containers.put(container, keep);
    }

    void removed(String container) {
        containers.remove(container);
    }

    void pushed(String image, String digest) {
        pushed.put(image, digest);
    }

    Map<String, String> pushedImages() {
        synchronized (pushed) {
            return new LinkedHashMap<>(pushed);
        }
    }

    void report(String stepId, DependencyReport report) {
        reports.put(stepId, report);
    }

    /** Build reports by step id, in step (file) order. */
    Map<String, DependencyReport> reports() {
        var ordered = new LinkedHashMap<String, DependencyReport>();
        request.task().dag().steps().stream().filter(s -> reports.containsKey(s.id()))
                .forEach(s -> ordered.put(s.id(), reports.get(s.id())));
        return ordered;
    }

    /** The credentials for the registry of {@code image}, if the run has any. */
    Optional<RegistryLogin> loginFor(String image) {
        int slash = image.indexOf('/');
        String host = slash < 0 ? "" : image.substring(0, slash);
        return request.logins().stream().filter(l -> l.server().equalsIgnoreCase(host)).findFirst();
    }

    Set<String> knownRegistries() {
        var known = new HashSet<String>();
        request.logins().forEach(l -> known.add(l.server()));
        return known;
    }

    boolean aborted() {
        return aborted;
    }

    /** Stops the run: every container still running is killed at once, kept or not. */
    void abort() {
        aborted = true;
        var threads = new ArrayList<Thread>();
        for (String container : List.copyOf(containers.keySet())) {
            threads.add(Thread.ofVirtual().start(() -> quietly(() -> engine.killContainer(container))));
        }
        threads.forEach(RunContext::join);
    }

    @Override
    public void close() {
        containers.forEach((container, keep) -> {
            quietly(() -> engine.killContainer(container));
            if (!keep) {
                quietly(() -> engine.removeContainer(container));
            }
        });
        networks.values().forEach(name -> quietly(() -> engine.removeNetwork(name)));
        if (temp != null) {
            try (Stream<Path> walk = Files.walk(temp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is not worth failing a finished run for
            }
        }
    }

    /** Cleanup must go on past one failure: a kept container still on the network must not leave the rest. */
    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // best effort
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
