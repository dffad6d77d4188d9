package dev.slipway.runner.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The run's docker logins as the docker CLI reads them ({@code $HOME/.docker/config.json} in the shared home):
 * token logins as {@code registrytoken} (the CLI passes it on to the daemon in {@code X-Registry-Auth}, which sends
 * it as the bearer token), username/password logins as {@code auth}. acb gets the same by {@code docker login}.
 */
final class DockerConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerConfig() {
    }

    static void write(Path home, List<RegistryLogin> logins) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode auths = root.putObject("auths");
        for (RegistryLogin login : logins) {
            ObjectNode entry = auths.putObject(login.server());
            if (login.registryToken() != null) {
                entry.put("registrytoken", login.registryToken());
                // For engines that drop registrytoken (Podman): the token as the password of the token user.
                entry.put("auth", Base64.getEncoder().encodeToString((RegistryLogin.TOKEN_USER + ":"
                        + login.registryToken()).getBytes(StandardCharsets.UTF_8)));
            } else if (login.username() != null) {
                entry.put("auth", Base64.getEncoder().encodeToString((login.username() + ":"
                        + (login.password() == null ? "" : login.password())).getBytes(StandardCharsets.UTF_8)));
            }
        }
        Path dir = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(dir.resolve("config.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }
}
