package dev.slipway.cli.support;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the CLI reads from its surroundings: environment variables (for the config locations), the home
 * directory and standard input. Passed to {@code Main.run} so tests use temporary locations without global state.
 */
public record Env(Map<String, String> vars, Path home, InputStream stdin) {
    public Env {
        vars = Map.copyOf(vars);
    }

    public static Env system() {
        return new Env(System.getenv(), Path.of(System.getProperty("user.home")), System.in);
    }

    /** {@code $SLIPWAY_CONFIG_DIR/config.json}, else {@code ~/.slipway/config.json}. */
    public Path cliConfigFile() {
        String dir = vars.get("SLIPWAY_CONFIG_DIR");
        return (dir == null || dir.isBlank() ? home.resolve(".slipway") : Path.of(dir)).resolve("config.json");
    }

    /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public Path dockerConfigFile() {
        String dir = vars.get("DOCKER_CONFIG");
        return (dir == null || dir.isBlank() ? home.resolve(".docker") : Path.of(dir)).resolve("config.json");
    }
}
