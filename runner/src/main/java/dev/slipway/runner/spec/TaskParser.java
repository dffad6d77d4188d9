package dev.slipway.runner.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a rendered task YAML into a {@link TaskSpec}, as acb's graph.UnmarshalTaskFromString does: yaml.v2 decoding
 * — lenient: unknown keys are ignored (and reported through {@link #parse(String, TaskDefaults, List)}), scalars of
 * any kind fit string fields — then Task.initialize's defaults. The rules a parsed task must obey live in
 * {@link Validator}; the parser only rejects what the model cannot hold (a step with no kind, or two).
 *
 * <p>Defaults (graph/task.go): version {@code v1.0.0}; stepTimeout 600 when ≤ 0; per step: timeout = stepTimeout
 * when ≤ 0, retryDelay 5 when ≤ 0, id {@code acb_step_<index>}, workingDirectory and env from the task, network =
 * the last {@code isDefault} network, or {@value NetworkSpec#DEFAULT_NAME} (added to the networks) when the task
 * declares none; push images get {@code :latest} when they carry neither tag nor digest, duplicates dropped.
 */
public final class TaskParser {
    public static final int DEFAULT_STEP_TIMEOUT = 600;
    public static final int DEFAULT_RETRY_DELAY = 5;

    private TaskParser() {
    }

    public static TaskSpec parse(String renderedYaml) {
        return parse(renderedYaml, TaskDefaults.NONE, new ArrayList<>());
    }

    /**
     * @param defaults what the agent adds (working directory, env, an external default network)
     * @param warnings receives a line per ignored key, e.g. {@code line 3: ignoring unknown key "totalTimeout"}
     */
    public static TaskSpec parse(String renderedYaml, TaskDefaults defaults, List<String> warnings) {
        YamlNode root = YamlReader.read(renderedYaml);
        Fields task = root == null ? new Fields(new YamlNode.Mapping(Map.of(), 1), "", warnings)
                : Fields.of(root, "", "graph.Task", warnings);

        String version = task.string("version");
        int stepTimeout = task.integer("stepTimeout");
        Optional<String> workingDirectory = task.optionalString("workingDirectory");
        List<String> env = task.strings("env");
        List<SecretSpec> secrets = task.objects("secrets", "secretmgmt.Secret", TaskParser::secret);
        List<NetworkSpec> networks = new ArrayList<>(task.objects("networks", "graph.Network", TaskParser::network));
        List<VolumeSpec> volumes = task.objects("volumes", "volume.Volume", TaskParser::volume);
        List<StepDecoder.Raw> steps = task.objects("steps", "graph.Step", StepDecoder::decode);
        task.warnUnknown();

        // Task.AddTaskDefaults: the agent's defaults, which the task's own values override.
        if (workingDirectory.isEmpty()) {
            workingDirectory = defaults.workingDirectory();
        }
        env = Env.merge(env, defaults.env());
        defaults.network().ifPresent(name ->
                networks.add(new NetworkSpec(name, Optional.of("external"), false, true, true)));

        // Task.initialize.
        if (version.isEmpty()) {
            version = TaskVersion.CURRENT;
        }
        TaskVersion.check(version);
        Optional<String> defaultNetwork = networks.reversed().stream()
                .filter(NetworkSpec::isDefault).map(NetworkSpec::name).findFirst();
        if (networks.isEmpty()) {
            networks.add(new NetworkSpec(NetworkSpec.DEFAULT_NAME, Optional.of("bridge"), false, false, true));
            defaultNetwork = Optional.of(NetworkSpec.DEFAULT_NAME);
        }
        if (stepTimeout <= 0) {
            stepTimeout = DEFAULT_STEP_TIMEOUT;
        }
        var specs = new ArrayList<StepSpec>();
        for (StepDecoder.Raw raw : steps) {
            specs.add(step(raw, stepTimeout, defaultNetwork, env, workingDirectory));
        }
        return new TaskSpec(version, stepTimeout, workingDirectory, env, secrets, networks, volumes, specs);
    }

    private static StepSpec step(StepDecoder.Raw raw, int stepTimeout, Optional<String> defaultNetwork,
                                 List<String> taskEnv, Optional<String> taskWorkingDirectory) {
        StepProperties p = raw.props();
        List<String> env;
        try {
            env = Env.merge(p.env(), taskEnv);
        } catch (TaskSpecException e) {
            throw new TaskSpecException("failed to merge task and step environment variables: " + e.reason(), e);
        }
        String id = p.id().isEmpty() ? "acb_step_" + raw.index() : p.id();
        StepProperties props = p.toBuilder()
                .id(id)
                .timeout(p.timeout() <= 0 ? stepTimeout : p.timeout())
                .retryDelay(p.retryDelay() <= 0 ? DEFAULT_RETRY_DELAY : p.retryDelay())
                .network(p.network().or(() -> defaultNetwork).orElse(""))
                .env(env)
                .workingDirectory(p.workingDirectory().or(() -> taskWorkingDirectory).orElse(""))
                .build();

        // graph.Step treats an empty build/cmd/push as absent; a step must have exactly one of them.
        int kinds = (raw.build().isEmpty() ? 0 : 1) + (raw.cmd().isEmpty() ? 0 : 1) + (raw.push().isEmpty() ? 0 : 1);
        if (kinds > 1) {
            throw TaskSpecException.forStep(id, "step must only contain a single build, cmd, or push property");
        }
        if (!raw.build().isEmpty()) {
            return new BuildStep(props, raw.build());
        }
        if (!raw.cmd().isEmpty()) {
            return new CmdStep(props, raw.cmd());
        }
        if (!raw.push().isEmpty()) {
            return new PushStep(props, normalizeImages(raw.push()));
        }
        throw TaskSpecException.forStep(id, "step is missing a cmd, build, or push property");
    }

    /** acb's getNormalizedDockerImageNames with scan.NormalizeImageTag: a name with no ':' and no '@' gets :latest. */
    static List<String> normalizeImages(List<String> images) {
        var out = new LinkedHashSet<String>();
        for (String image : images) {
            out.add(image.contains("@") || image.contains(":") ? image : image + ":latest");
        }
        return List.copyOf(out);
    }

    private static SecretSpec secret(Fields f) {
        var secret = new SecretSpec(f.string("id"), f.optionalString("keyvault"), f.optionalString("clientID"));
        f.warnUnknown();
        return secret;
    }

    private static NetworkSpec network(Fields f) {
        var network = new NetworkSpec(f.string("name"), f.optionalString("driver"), f.bool("ipv6"),
                f.bool("skipCreation"), f.bool("isDefault"));
        f.warnUnknown();
        return network;
    }

    /** A volume without a secret map has no source; the validator reports it ("only type Source type Secret…"). */
    private static VolumeSpec volume(Fields f) {
        var volume = new VolumeSpec(f.string("name"), f.stringMap("secret").orElse(Map.of()));
        f.warnUnknown();
        return volume;
    }
}
