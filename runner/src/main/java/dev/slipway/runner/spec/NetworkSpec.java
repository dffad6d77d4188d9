package dev.slipway.runner.spec;

import java.util.Objects;
import java.util.Optional;

/**
 * A Docker network the run creates before its first step and removes after its last (acb's graph.Network). Steps
 * reach each other on it by step id. {@code skipCreation} marks a network that already exists (the agent's network
 * passed on the command line); {@code isDefault} makes it the network of steps that name none.
 */
public record NetworkSpec(String name, Optional<String> driver, boolean ipv6, boolean skipCreation,
                          boolean isDefault) {
    /** The network acb adds when a task declares none. */
    public static final String DEFAULT_NAME = "acb_default_network";

    public NetworkSpec {
        Objects.requireNonNull(name, "name");
        driver = Specs.blankToEmpty(driver);
    }
}
