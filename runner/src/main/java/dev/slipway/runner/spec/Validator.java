package dev.slipway.runner.spec;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * acb's rules for a parsed task, with acb's messages and in acb's order: secrets, volumes and mount names
 * (graph.Task.Validate, secretmgmt/secret.go, pkg/volume), then each step in file order (graph.Step.Validate) followed
 * by its place in the graph (graph/dag.go). The first broken rule is thrown as a {@link TaskSpecException}.
 *
 * <p>Slipway adds a few guards acb lacks, marked below; they only fire for specs built in code or for tasks that
 * would fail later anyway.
 */
public final class Validator {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9-_]+");
    private static final Pattern FILE_NAME = Pattern.compile("[a-zA-Z0-9-_.]+");

    private Validator() {
    }

    public static void validate(TaskSpec spec) {
        secrets(spec);
        volumes(spec);
        Set<String> names = new HashSet<>();
        spec.volumes().forEach(v -> names.add(v.name()));
        for (StepSpec step : spec.steps()) {
            for (VolumeMount m : step.properties().volumeMounts()) {
                if (!names.contains(m.name())) {
                    throw TaskSpecException.forStep(step.id(), "provided mount name does not correspond to a volume");
                }
            }
        }
        networks(spec);
        TaskVersion.check(spec.version());
        if (spec.stepTimeout() <= 0) { // Slipway: the parser defaults it; a spec built in code must too.
            throw new TaskSpecException("task must specify stepTimeout > 0");
        }
        Dag.build(spec, StepRules::check);
    }

    private static void secrets(TaskSpec spec) {
        Set<String> ids = new HashSet<>();
        for (SecretSpec secret : spec.secrets()) {
            String problem = secretProblem(secret);
            if (problem != null) {
                throw new TaskSpecException(secret.id().isEmpty() ? problem
                        : "failed to validate secret with ID: " + secret.id() + ": " + problem);
            }
            if (!ids.add(secret.id())) {
                throw new TaskSpecException("duplicate secret found with ID: " + secret.id());
            }
        }
    }

    private static String secretProblem(SecretSpec secret) {
        if (secret.id().isEmpty()) {
            return "secret is missing an ID as well as auto-generated ID";
        }
        if (StepRules.containsSpace(secret.id())) {
            return "secret ID cannot contain spaces";
        }
        if (secret.keyvault().isEmpty()) {
            return "secret should contain either keyvault property for vault secret, "
                    + "or msi clientID/aadResourceId for msi authentication";
        }
        if (secret.clientID().isPresent() && !UUID.matcher(secret.clientID().get()).matches()) {
            return "msi client ID is not a valid guid";
        }
        return null;
    }

    private static void volumes(TaskSpec spec) {
        Set<String> names = new HashSet<>();
        for (VolumeSpec volume : spec.volumes()) {
            if (volume.name().isEmpty()) {
                throw new TaskSpecException("volume name is empty");
            }
            // An empty secret map stands for "no source" in the record, so acb's message covers both.
            if (volume.secret().isEmpty()) {
                throw new TaskSpecException("only type Source type Secret supported");
            }
            if (!VOLUME_NAME.matcher(volume.name()).matches()) {
                throw new TaskSpecException("volume name is not well formed. Only use alphanumeric and - _");
            }
            for (String file : volume.secret().keySet()) {
                // Slipway also refuses "." and "..": the executor writes these names as files.
                if (!FILE_NAME.matcher(file).matches() || file.equals(".") || file.equals("..")) {
                    throw new TaskSpecException("file name, " + file
                            + ", is not well formed. Only use alphanumeric and - _ .");
                }
            }
            if (!names.add(volume.name())) {
                throw new TaskSpecException("volume with duplicate name found");
            }
        }
    }

    /** Slipway: acb leaves these to {@code docker network create}, which fails mid-run. */
    private static void networks(TaskSpec spec) {
        Set<String> names = new HashSet<>();
        for (NetworkSpec network : spec.networks()) {
            if (network.name().isEmpty()) {
                throw new TaskSpecException("failed to validate network: name must be specified");
            }
            if (!names.add(network.name().toLowerCase(Locale.ROOT))) {
                throw new TaskSpecException("network with duplicate name found: " + network.name());
            }
        }
    }
}
