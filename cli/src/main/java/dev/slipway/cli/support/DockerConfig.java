package dev.slipway.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;

/** Docker's {@code config.json}: stores and removes {@code auths["host:port"].auth}, keeping everything else. */
public final class DockerConfig {
    private final Path file;
    private final ObjectNode root;

    private DockerConfig(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    public static DockerConfig load(Path file) {
        if (!Files.exists(file)) {
            return new DockerConfig(file, Json.object());
        }
        try {
            String text = Files.readString(file);
            JsonNode n = text.isBlank() ? Json.object() : Json.MAPPER.readTree(text);
            if (!(n instanceof ObjectNode o)) {
                throw CliException.failed("cannot read the docker config " + file + ": not a JSON object");
            }
            return new DockerConfig(file, o);
        } catch (IOException e) {
            throw CliException.failed("cannot read the docker config " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    public Path file() {
        return file;
    }

    public void putAuth(String hostPort, String username, String password) {
        ObjectNode entry = auths().putObject(hostPort);
        entry.put("auth", Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public boolean removeAuth(String hostPort) {
        return root.get("auths") instanceof ObjectNode a && a.remove(hostPort) != null;
    }

    /** A credential helper docker would ask instead of {@code auths}, if one is configured for this host. */
    public Optional<String> helperFor(String hostPort) {
        JsonNode helpers = root.get("credHelpers");
        if (helpers != null && helpers.hasNonNull(hostPort)) {
            return Optional.of(helpers.get(hostPort).asText());
        }
        return root.hasNonNull("credsStore") ? Optional.of(root.get("credsStore").asText()) : Optional.empty();
    }

    public void save() {
        try {
            PrivateFiles.write(file, Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root));
        } catch (IOException e) {
            throw CliException.failed("cannot write the docker config " + file + ": " + e.getMessage());
        }
    }

    private ObjectNode auths() {
        return root.get("auths") instanceof ObjectNode a ? a : root.putObject("auths");
    }
}
