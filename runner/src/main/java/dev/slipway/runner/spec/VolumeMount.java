package dev.slipway.runner.spec;

import java.util.Objects;

/** A step's mount of a task volume ({@code volumeMounts: [{name, mountPath}]}); acb's pkg/volume Mount. */
public record VolumeMount(String name, String mountPath) {
    public VolumeMount {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mountPath, "mountPath");
    }
}
