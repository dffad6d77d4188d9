package dev.slipway.runner.spec;

import java.util.List;
import java.util.Objects;

/**
 * {@code push: [image, …]}: images to push after earlier steps built or tagged them. The parser normalises them as
 * acb does: {@code :latest} added to a name without tag or digest, duplicates dropped, order kept.
 */
public record PushStep(StepProperties properties, List<String> images) implements StepSpec {
    public PushStep {
        Objects.requireNonNull(properties, "properties");
        images = List.copyOf(images);
    }
}
