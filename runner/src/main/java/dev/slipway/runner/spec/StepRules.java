package dev.slipway.runner.spec;

import java.util.HashSet;
import java.util.Set;

/** graph.Step.Validate (graph/step.go), in its order and with its messages, plus Slipway's guards for hand-made specs. */
final class StepRules {
    private StepRules() {
    }

    static void check(StepSpec step) {
        StepProperties p = step.properties();
        String id = p.id();
        if (id.isEmpty()) {
            throw new TaskSpecException("step is missing an ID");
        }
        if (p.retries() < 0) {
            throw TaskSpecException.forStep(id, "step must specify retries >= 0");
        }
        if (p.repeat() < 0) {
            throw TaskSpecException.forStep(id, "step must specify repeat >= 0");
        }
        if (containsSpace(id)) {
            throw TaskSpecException.forStep(id, "step ID cannot contain spaces");
        }
        boolean hasKind = switch (step) {
            case BuildStep b -> !b.build().isEmpty();
            case CmdStep c -> !c.cmd().isEmpty();
            case PushStep push -> !push.images().isEmpty();
        };
        if (!hasKind) {
            throw TaskSpecException.forStep(id, "step is missing a cmd, build, or push property");
        }
        mounts(step);
        for (String dep : p.when()) {
            if (dep.equals(StepProperties.IMMEDIATELY) && p.when().size() > 1) {
                throw TaskSpecException.forStep(id,
                        "step cannot contain other IDs in when if the immediate execution token is specified");
            }
            if (dep.equals(id)) {
                throw TaskSpecException.forStep(id, "Step ID: " + id + " is self-referenced");
            }
        }
        if (p.cache().isPresent() && !p.cache().get().equalsIgnoreCase("enabled")
                && !p.cache().get().equalsIgnoreCase("disabled")) {
            throw TaskSpecException.forStep(id,
                    "invalid value for cache property. Valid values are 'enabled', 'disabled'");
        }
        // Slipway: the parser turns a timeout ≤ 0 into the default and acb sleeps 0 for a negative delay, so
        // these only catch specs built in code.
        if (p.timeout() <= 0) {
            throw TaskSpecException.forStep(id, "step must specify timeout > 0");
        }
        if (p.startDelay() < 0 || p.retryDelay() < 0) {
            throw TaskSpecException.forStep(id, "step must specify startDelay >= 0 and retryDelay >= 0");
        }
    }

    /** acb mounts volumes only into cmd containers, though the docs list volumeMounts for build steps too. */
    private static void mounts(StepSpec step) {
        var mounts = step.properties().volumeMounts();
        if (mounts.isEmpty()) {
            return;
        }
        String id = step.id();
        if (!(step instanceof CmdStep)) {
            throw TaskSpecException.forStep(id,
                    "invalid use of Mounts. Mounts must have unique container paths and used for CMD steps");
        }
        Set<String> paths = new HashSet<>();
        for (VolumeMount m : mounts) {
            if (m.name().isEmpty() || m.mountPath().isEmpty()) {
                throw TaskSpecException.forStep(id, "mount name or container file path is empty");
            }
            if (!paths.add(m.mountPath())) {
                throw TaskSpecException.forStep(id, "mount with duplicate container file path found");
            }
        }
    }

    static boolean containsSpace(String s) {
        return s.codePoints().anyMatch(Character::isWhitespace);
    }
}
