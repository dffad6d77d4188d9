package dev.slipway.cli.support;

/** Implemented by the root command, so every subcommand reaches the {@link Env} the CLI was started with. */
public interface EnvHolder {
    Env env();
}
