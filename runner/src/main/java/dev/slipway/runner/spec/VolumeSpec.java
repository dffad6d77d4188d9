package dev.slipway.runner.spec;

import java.util.Map;
import java.util.Objects;

/**
 * A task-level volume whose files come from secrets ({@code volumes: [{name, secret: {file: base64}}]}): each key is
 * a file name in the volume, each value the file's content, base64-encoded (acb's pkg/volume Volume with a secret
 * source, the only source acb supports). Steps mount it with {@link VolumeMount}.
 */
public record VolumeSpec(String name, Map<String, String> secret) {
    public VolumeSpec {
        Objects.requireNonNull(name, "name");
        secret = Specs.orderedCopy(secret);
    }
}
