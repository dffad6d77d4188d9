package dev.slipway.runner.spec;

import java.util.Objects;

/**
 * {@code build: <docker build arguments>}: the string is handed to {@code docker build} as written, e.g.
 * {@code -t $Registry/hello:$ID -f Dockerfile .}; tags and build args are the executor's to read from it.
 */
public record BuildStep(StepProperties properties, String build) implements StepSpec {
    public BuildStep {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(build, "build");
    }

    /** {@code cache: enabled} (any case) asks for a buildx registry cache; acb's UseBuildCacheForBuildStep. */
    public boolean cacheEnabled() {
        return properties.cache().map(c -> c.equalsIgnoreCase("enabled")).orElse(false);
    }
}
