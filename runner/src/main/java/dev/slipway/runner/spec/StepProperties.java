package dev.slipway.runner.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every step may carry besides its build/cmd/push string: the step properties of the YAML reference
 * (acb's graph.Step fields), after acb's defaults. Times are in seconds. Most properties only matter to container
 * steps (build, cmd); acb parses them for push steps too and ignores them there.
 *
 * @param id              unique; also the container name and host name on the task network
 * @param when            ids this step waits for; {@code ["-"]} = start at once; empty = wait for the previous step
 * @param timeout         kill the step after this many seconds (the task's stepTimeout unless set)
 * @param startDelay      sleep before starting
 * @param retries         extra attempts after a non-zero exit
 * @param retryDelay      sleep between attempts (acb: 5 when unset)
 * @param retryOnErrors   retry only when the output contains one of these (acb, undocumented)
 * @param repeat          extra runs after the first
 * @param env             {@code K=V}, step entries first, then the task's entries for keys the step does not set
 * @param network         the Docker network ({@code host} works too); empty = no {@code --network}
 * @param cache           {@code enabled}/{@code disabled}, for build steps
 * @param cpus            {@code --cpus}, an agent-internal property in acb
 * @param exitedWith      parsed for compatibility; acb's executor never reads them
 * @param exitedWithout   parsed for compatibility; acb's executor never reads them
 */
public record StepProperties(String id, List<String> when, int timeout, int startDelay, int retries, int retryDelay,
                             List<String> retryOnErrors, int repeat, boolean ignoreErrors,
                             boolean disableWorkingDirectoryOverride, List<String> env, Optional<String> entryPoint,
                             Optional<String> workingDirectory, Optional<String> user, Optional<String> network,
                             List<String> ports, List<String> expose, boolean privileged, boolean detach,
                             boolean keep, Optional<String> isolation, Optional<String> cpus,
                             List<VolumeMount> volumeMounts, boolean pull, Optional<String> cache,
                             List<Integer> exitedWith, List<Integer> exitedWithout) {

    /** The token in {@code when} that starts a step immediately. */
    public static final String IMMEDIATELY = "-";

    public StepProperties {
        Objects.requireNonNull(id, "id");
        when = Specs.list(when);
        retryOnErrors = Specs.list(retryOnErrors);
        env = Specs.list(env);
        entryPoint = Specs.blankToEmpty(entryPoint);
        workingDirectory = Specs.blankToEmpty(workingDirectory);
        user = Specs.blankToEmpty(user);
        network = Specs.blankToEmpty(network);
        ports = Specs.list(ports);
        expose = Specs.list(expose);
        isolation = Specs.blankToEmpty(isolation);
        cpus = Specs.blankToEmpty(cpus);
        volumeMounts = Specs.list(volumeMounts);
        cache = Specs.blankToEmpty(cache);
        exitedWith = Specs.list(exitedWith);
        exitedWithout = Specs.list(exitedWithout);
    }

    /** {@code when: ["-"]}: no dependency, starts with the run. */
    public boolean startsImmediately() {
        return when.size() == 1 && when.getFirst().equals(IMMEDIATELY);
    }

    /** A builder holding acb's defaults (timeout 600, retry delay 5) for hand-made specs and tests. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    public Builder toBuilder() {
        var b = new Builder(id);
        b.when = new ArrayList<>(when);
        b.timeout = timeout;
        b.startDelay = startDelay;
        b.retries = retries;
        b.retryDelay = retryDelay;
        b.retryOnErrors = retryOnErrors;
        b.repeat = repeat;
        b.ignoreErrors = ignoreErrors;
        b.disableWorkingDirectoryOverride = disableWorkingDirectoryOverride;
        b.env = env;
        b.entryPoint = entryPoint;
        b.workingDirectory = workingDirectory;
        b.user = user;
        b.network = network;
        b.ports = ports;
        b.expose = expose;
        b.privileged = privileged;
        b.detach = detach;
        b.keep = keep;
        b.isolation = isolation;
        b.cpus = cpus;
        b.volumeMounts = volumeMounts;
        b.pull = pull;
        b.cache = cache;
        b.exitedWith = exitedWith;
        b.exitedWithout = exitedWithout;
        return b;
    }

    /** Mutable on purpose: it only gathers values for one record. */
    public static final class Builder {
        private String id;
        private List<String> when = List.of();
        private int timeout = TaskParser.DEFAULT_STEP_TIMEOUT;
        private int startDelay;
        private int retries;
        private int retryDelay = TaskParser.DEFAULT_RETRY_DELAY;
        private List<String> retryOnErrors = List.of();
        private int repeat;
        private boolean ignoreErrors;
        private boolean disableWorkingDirectoryOverride;
        private List<String> env = List.of();
        private Optional<String> entryPoint = Optional.empty();
        private Optional<String> workingDirectory = Optional.empty();
        private Optional<String> user = Optional.empty();
        private Optional<String> network = Optional.empty();
        private List<String> ports = List.of();
        private List<String> expose = List.of();
        private boolean privileged;
        private boolean detach;
        private boolean keep;
        private Optional<String> isolation = Optional.empty();
        private Optional<String> cpus = Optional.empty();
        private List<VolumeMount> volumeMounts = List.of();
        private boolean pull;
        private Optional<String> cache = Optional.empty();
        private List<Integer> exitedWith = List.of();
        private List<Integer> exitedWithout = List.of();

        private Builder(String id) {
            this.id = id;
        }

        public Builder id(String v) { id = v; return this; }
        public Builder when(List<String> v) { when = v; return this; }
        public Builder when(String... v) { when = List.of(v); return this; }
        public Builder timeout(int v) { timeout = v; return this; }
        public Builder startDelay(int v) { startDelay = v; return this; }
        public Builder retries(int v) { retries = v; return this; }
        public Builder retryDelay(int v) { retryDelay = v; return this; }
        public Builder retryOnErrors(List<String> v) { retryOnErrors = v; return this; }
        public Builder repeat(int v) { repeat = v; return this; }
        public Builder ignoreErrors(boolean v) { ignoreErrors = v; return this; }
        public Builder disableWorkingDirectoryOverride(boolean v) { disableWorkingDirectoryOverride = v; return this; }
        public Builder env(List<String> v) { env = v; return this; }
        public Builder entryPoint(String v) { entryPoint = Specs.optional(v); return this; }
        public Builder workingDirectory(String v) { workingDirectory = Specs.optional(v); return this; }
        public Builder user(String v) { user = Specs.optional(v); return this; }
        public Builder network(String v) { network = Specs.optional(v); return this; }
        public Builder ports(List<String> v) { ports = v; return this; }
        public Builder expose(List<String> v) { expose = v; return this; }
        public Builder privileged(boolean v) { privileged = v; return this; }
        public Builder detach(boolean v) { detach = v; return this; }
        public Builder keep(boolean v) { keep = v; return this; }
        public Builder isolation(String v) { isolation = Specs.optional(v); return this; }
        public Builder cpus(String v) { cpus = Specs.optional(v); return this; }
        public Builder volumeMounts(List<VolumeMount> v) { volumeMounts = v; return this; }
        public Builder pull(boolean v) { pull = v; return this; }
        public Builder cache(String v) { cache = Specs.optional(v); return this; }
        public Builder exitedWith(List<Integer> v) { exitedWith = v; return this; }
        public Builder exitedWithout(List<Integer> v) { exitedWithout = v; return this; }

        public StepProperties build() {
            return new StepProperties(id, when, timeout, startDelay, retries, retryDelay, retryOnErrors, repeat,
                    ignoreErrors, disableWorkingDirectoryOverride, env, entryPoint, workingDirectory, user, network,
                    ports, expose, privileged, detach, keep, isolation, cpus, volumeMounts, pull, cache, exitedWith,
                    exitedWithout);
        }
    }
}
