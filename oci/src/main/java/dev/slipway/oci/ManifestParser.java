package dev.slipway.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads manifests and indexes (OCI and Docker schema 2) from their exact bytes and checks their shape. */
public final class ManifestParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestParser() {
    }

    /**
     * @param contentType the request's Content-Type (may be null or generic); the body's {@code mediaType}
     *                    decides when they disagree only if the header is absent or generic
     */
    public static Manifest parse(byte[] bytes, String contentType) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw invalid("manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("manifest cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw invalid("manifest must be a JSON object");
        }
        String declared = text(root, "mediaType");
        String header = contentType == null ? null : contentType.split(";", 2)[0].trim();
        if (header != null && (header.isEmpty() || header.equals("application/json") || header.equals("application/octet-stream"))) {
            header = null;
        }
        if (header != null && declared != null && !header.equals(declared)) {
            throw invalid("Content-Type " + header + " does not match the manifest's mediaType " + declared);
        }
        String mediaType = header != null ? header : declared != null ? declared : guess(root);
        if (mediaType.equals(MediaTypes.DOCKER_SCHEMA1) || mediaType.equals(MediaTypes.DOCKER_SCHEMA1_SIGNED)) {
            throw invalid("Docker schema 1 manifests are not supported; push schema 2 or OCI");
        }
        if (!MediaTypes.isManifest(mediaType)) {
            throw invalid("unsupported manifest media type: " + mediaType);
        }
        // Without a mediaType in the body the header decides the kind, so the body's shape must agree with it:
        // otherwise an image manifest could be stored as an index and skip the blob checks.
        if (MediaTypes.isIndex(mediaType) ? root.has("config") || root.has("layers") : root.has("manifests")) {
            throw invalid("the manifest's fields do not fit its media type " + mediaType);
        }
        if (root.path("schemaVersion").asInt(-1) != 2) {
            throw invalid("schemaVersion must be 2");
        }
        Descriptor subject = root.has("subject") ? descriptor(root.get("subject"), "subject") : null;
        String artifactType = text(root, "artifactType");
        Map<String, String> annotations = stringMap(root.get("annotations"), "annotations");
        if (MediaTypes.isIndex(mediaType)) {
            List<Descriptor> children = descriptors(root.get("manifests"), "manifests", true);
            return new Manifest(mediaType, null, List.of(), children, subject, artifactType, annotations);
        }
        if (!root.has("config")) {
            throw invalid("image manifest has no config");
        }
        Descriptor config = descriptor(root.get("config"), "config");
        List<Descriptor> layers = descriptors(root.get("layers"), "layers", false);
        return new Manifest(mediaType, config, layers, List.of(), subject, artifactType, annotations);
    }

    private static String guess(JsonNode root) {
        if (root.has("manifests")) {
            return MediaTypes.OCI_INDEX;
        }
        if (root.has("config")) {
            return MediaTypes.OCI_MANIFEST;
        }
        if (root.path("schemaVersion").asInt() == 1) {
            return MediaTypes.DOCKER_SCHEMA1;
        }
        throw invalid("manifest has no mediaType and no recognisable shape");
    }

    private static List<Descriptor> descriptors(JsonNode node, String field, boolean mustBeManifests) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(field + " must be an array");
        }
        List<Descriptor> out = new ArrayList<>(node.size());
        for (JsonNode n : node) {
            Descriptor d = descriptor(n, field);
            if (mustBeManifests && d.mediaType() != null && !MediaTypes.isManifest(d.mediaType())
                    && !d.mediaType().contains("manifest") && !d.mediaType().contains("index")) {
                throw invalid(field + " entry " + d.digest() + " has a non-manifest media type " + d.mediaType());
            }
            out.add(d);
        }
        return out;
    }

    private static Descriptor descriptor(JsonNode n, String field) {
        if (n == null || !n.isObject()) {
            throw invalid(field + " must hold descriptor objects");
        }
        String digest = text(n, "digest");
        if (digest == null) {
            throw invalid(field + " descriptor has no digest");
        }
        Digest parsed;
        try {
            parsed = Digest.parse(digest);
        } catch (RegistryException e) {
            throw invalid(field + " descriptor has an invalid digest: " + digest);
        }
        JsonNode size = n.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() < 0) {
            throw invalid(field + " descriptor " + digest + " has no valid size");
        }
        List<String> urls = new ArrayList<>();
        n.path("urls").forEach(u -> urls.add(u.asText()));
        return new Descriptor(text(n, "mediaType"), parsed, size.asLong(), text(n, "artifactType"),
                stringMap(n.get("annotations"), field + " annotations"), urls);
    }

    private static Map<String, String> stringMap(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid(field + " must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static RegistryException invalid(String message) {
        return new RegistryException(OciError.MANIFEST_INVALID, message);
    }
}
