package dev.slipway.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The management API's OpenAPI 3.1 document ({@code src/main/resources/api/openapi.yaml}), served without
 * credentials as {@code GET /api/openapi.yaml} and, converted once at start, as {@code GET /api/openapi.json}.
 */
final class OpenApiDocument {
    static final String RESOURCE = "/api/openapi.yaml";
    static final String YAML_PATH = "/api/openapi.yaml";
    static final String JSON_PATH = "/api/openapi.json";

    private final byte[] yaml;
    private final byte[] json;

    private OpenApiDocument(byte[] yaml, byte[] json) {
        this.yaml = yaml;
        this.json = json;
    }

    /** Reads the document from the classpath; a missing or malformed document stops the server from starting. */
    static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the classpath");
            }
            byte[] yaml = in.readAllBytes();
            JsonNode tree = new YAMLMapper().readTree(yaml);
            byte[] json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(tree);
            return new OpenApiDocument(yaml, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the OpenAPI document " + RESOURCE, e);
        }
    }

    void register(ApiRoutes routes) {
        routes.addOpen("GET", YAML_PATH, c -> new ApiReply.Bytes("application/yaml", yaml))
                .addOpen("GET", JSON_PATH, c -> new ApiReply.Bytes("application/json", json));
    }
}
