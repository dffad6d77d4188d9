package dev.slipway.server.registry.http;

import dev.slipway.server.meta.Attributes;
import dev.slipway.server.meta.ManifestRecord;
import dev.slipway.server.meta.RepositoryRecord;
import dev.slipway.server.meta.TagRecord;
import dev.slipway.server.registry.ManifestDetails;
import dev.slipway.server.registry.RepositoryDetails;
import dev.slipway.server.registry.TagDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the /acr/v1 API (field names and order as ACR writes them). */
final class AcrViews {
    private AcrViews() {
    }

    static Map<String, Object> repository(String registry, RepositoryDetails d) {
        RepositoryRecord r = d.repository();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registry", registry);
        m.put("imageName", r.name());
        m.put("createdTime", r.created().toString());
        m.put("lastUpdateTime", r.updated().toString());
        m.put("manifestCount", r.manifestCount());
        m.put("tagCount", r.tagCount());
        m.put("changeableAttributes", attributes(d.attributes()));
        return m;
    }

    static Map<String, Object> tags(String registry, String name, List<TagDetails> tags) {
        return wrap(registry, name, "tags", tags.stream().map(AcrViews::tag).toList());
    }

    static Map<String, Object> tag(String registry, String name, TagDetails tag) {
        return wrap(registry, name, "tag", tag(tag));
    }

    static Map<String, Object> manifests(String registry, String name, List<ManifestDetails> manifests) {
        return wrap(registry, name, "manifests", manifests.stream().map(AcrViews::manifest).toList());
    }

    static Map<String, Object> manifest(String registry, String name, ManifestDetails manifest) {
        return wrap(registry, name, "manifest", manifest(manifest));
    }

    private static Map<String, Object> wrap(String registry, String name, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registry", registry);
        m.put("imageName", name);
        m.put(key, value);
        return m;
    }

    private static Map<String, Object> tag(TagDetails d) {
        TagRecord t = d.tag();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("digest", t.digest().toString());
        m.put("createdTime", t.created().toString());
        m.put("lastUpdateTime", t.updated().toString());
        m.put("signed", false);
        m.put("changeableAttributes", attributes(d.attributes()));
        return m;
    }

    private static Map<String, Object> manifest(ManifestDetails d) {
        ManifestRecord r = d.manifest();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("digest", r.digest().toString());
        m.put("imageSize", d.imageSize());
        m.put("createdTime", r.created().toString());
        m.put("lastUpdateTime", r.created().toString());
        m.put("mediaType", r.mediaType());
        m.put("tags", d.tags());
        m.put("changeableAttributes", attributes(d.attributes()));
        return m;
    }

    private static Map<String, Object> attributes(Attributes a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deleteEnabled", a.deleteEnabled());
        m.put("writeEnabled", a.writeEnabled());
        m.put("readEnabled", a.readEnabled());
        m.put("listEnabled", a.listEnabled());
        return m;
    }
}
