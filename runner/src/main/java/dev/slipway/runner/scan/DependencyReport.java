package dev.slipway.runner.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A build's dependency report in acb's JSON shape (acr-spec §7.7): one entry per output tag, each with the runtime
 * and build-time base images and the Git commit the build came from. The executor creates it from the scan before
 * the build, attaches digests after it ({@link #withDigests}) and logs {@link #toLog()}; the service reads it back
 * with {@link #fromJson} to record what triggers must watch.
 *
 * @param entries one per distinct output tag, or a single entry with a null image when the build tags nothing
 */
public record DependencyReport(List<Entry> entries) {

    /** The log line acb prints before the JSON; tools look for it. */
    public static final String LOG_HEADER = "The following dependencies were found:";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One output image and what it was built from.
     *
     * @param image           the pushed image, or null when the build has no tag
     * @param runtime         the final stage's base image, or null for {@code FROM scratch}
     * @param buildtime       the other images the build pulled
     * @param gitHeadRevision the context's Git commit, or null when the context is not a Git repository
     */
    public record Entry(ImageReference image, ImageReference runtime, List<ImageReference> buildtime,
            String gitHeadRevision) {

        public Entry {
            buildtime = List.copyOf(buildtime);
        }

        Entry map(Function<ImageReference, ImageReference> f) {
            return new Entry(image == null ? null : f.apply(image), runtime == null ? null : f.apply(runtime),
                    buildtime.stream().map(f).toList(), gitHeadRevision);
        }
    }

    public DependencyReport {
        entries = List.copyOf(entries);
    }

    /**
     * The report for a build that pushes {@code tags} (already registry-prefixed, see {@link Tags}); a tag given
     * twice yields one entry.
     */
    public static DependencyReport of(List<String> tags, Dependencies dependencies, String gitHeadRevision) {
        Map<String, ImageReference> images = new LinkedHashMap<>();
        for (String tag : tags) {
            ImageReference image = ImageReference.parse(tag);
            images.putIfAbsent(image.fullName(), image);
        }
        List<ImageReference> outputs = images.isEmpty() ? Collections.singletonList(null)
                : List.copyOf(images.values());
        List<Entry> entries = new ArrayList<>();
        for (ImageReference image : outputs) {
            entries.add(new Entry(image, dependencies.runtime(), dependencies.buildtime(), gitHeadRevision));
        }
        return new DependencyReport(entries);
    }

    /**
     * The report with digests attached: {@code digestOf} gives the digest the executor found for an image (the
     * pushed digest of an output, the pulled digest of a base), or null when it has none; a null keeps the image's
     * current digest.
     */
    public DependencyReport withDigests(Function<ImageReference, String> digestOf) {
        return new DependencyReport(entries.stream().map(e -> e.map(ref -> {
            String digest = digestOf.apply(ref);
            return digest == null || digest.isEmpty() ? ref : ref.withDigest(digest);
        })).toList());
    }

    /** Every distinct image in the report (outputs first), e.g. to look their digests up once each. */
    public List<ImageReference> images() {
        Map<String, ImageReference> all = new LinkedHashMap<>();
        entries.forEach(e -> {
            if (e.image() != null) {
                all.putIfAbsent(e.image().fullName(), e.image());
            }
        });
        entries.forEach(e -> {
            if (e.runtime() != null) {
                all.putIfAbsent(e.runtime().fullName(), e.runtime());
            }
            e.buildtime().forEach(b -> all.putIfAbsent(b.fullName(), b));
        });
        return List.copyOf(all.values());
    }

    /** The JSON array, compact as acb (Go's {@code json.Marshal}) writes it. */
    public String toJson() {
        ArrayNode array = JSON.createArrayNode();
        for (Entry entry : entries) {
            ObjectNode node = array.addObject();
            node.set("image", toNode(entry.image()));
            node.set("runtime-dependency", toNode(entry.runtime()));
            if (entry.buildtime().isEmpty()) {
                node.putNull("buildtime-dependency"); // Go marshals acb's empty (nil) slice as null
            } else {
                ArrayNode buildtime = node.putArray("buildtime-dependency");
                entry.buildtime().forEach(b -> buildtime.add(toNode(b)));
            }
            if (entry.gitHeadRevision() != null) {
                node.putObject("git").put("git-head-revision", entry.gitHeadRevision());
            }
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The log text: {@link #LOG_HEADER}, then the JSON on its own line. */
    public String toLog() {
        return LOG_HEADER + "\n" + toJson();
    }

    /** Reads a report written by {@link #toJson()} or by acb. */
    public static DependencyReport fromJson(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ScanException("dependency report is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new ScanException("dependency report is not a JSON array");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root) {
            List<ImageReference> buildtime = new ArrayList<>();
            node.path("buildtime-dependency").forEach(b -> buildtime.add(fromNode(b)));
            JsonNode git = node.path("git").path("git-head-revision");
            entries.add(new Entry(fromNode(node.get("image")), fromNode(node.get("runtime-dependency")), buildtime,
                    git.isTextual() ? git.asText() : null));
        }
        return new DependencyReport(entries);
    }

    private static JsonNode toNode(ImageReference ref) {
        if (ref == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.createObjectNode();
        node.put("registry", ref.registry());
        node.put("repository", ref.repository());
        if (ref.tag() != null) {
            node.put("tag", ref.tag()); // acb: `json:"tag,omitempty"`
        }
        node.put("digest", ref.digest() == null ? "" : ref.digest());
        node.put("reference", ref.reference());
        return node;
    }

    private static ImageReference fromNode(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return new ImageReference(node.path("registry").asText(null), node.path("repository").asText(null),
                    node.path("tag").asText(null), node.path("digest").asText(null),
                    node.path("reference").asText(null));
        } catch (IllegalArgumentException e) {
            throw new ScanException("dependency report has an incomplete image: " + e.getMessage() + " in " + node);
        }
    }
}
