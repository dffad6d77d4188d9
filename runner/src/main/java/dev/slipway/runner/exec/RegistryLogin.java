package dev.slipway.runner.exec;

import java.util.Objects;

/**
 * Credentials for one registry, used for pulls during builds and for pushes. Either a username and password, or a
 * bearer {@code registryToken} that the engine sends as is (how a run logs in to its own registry with a short-lived
 * token limited to what it needs).
 *
 * @param server login server, {@code host[:port]}
 */
public record RegistryLogin(String server, String username, String password, String registryToken) {
    public RegistryLogin {
        Objects.requireNonNull(server, "server");
    }

    public static RegistryLogin password(String server, String username, String password) {
        return new RegistryLogin(server, username, password, null);
    }

    /**
     * The username that goes with a registry token where an engine only passes usernames and passwords on (Podman
     * drops {@code registrytoken}): the registry's token endpoint takes the token itself as that user's password.
     */
    public static final String TOKEN_USER = "slipway-run-token";

    public static RegistryLogin token(String server, String registryToken) {
        return new RegistryLogin(server, null, null, registryToken);
    }

    @Override
    public String toString() {
        return "RegistryLogin[" + server + (username == null ? ", token" : ", user " + username) + "]";
    }
}
