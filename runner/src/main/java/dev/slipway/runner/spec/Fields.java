package dev.slipway.runner.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decodes one YAML mapping into typed values with yaml.v2's leniency and its error wording: any scalar fits a
 * string, null is the zero value, a wrong kind is "line N: cannot unmarshal !!str `x` into int". Keys nobody asked
 * for are reported as warnings, because yaml.v2 (and so acb) silently ignores unknown fields.
 */
final class Fields {
    private final YamlNode.Mapping map;
    private final String path;
    private final List<String> warnings;
    private final Set<String> read = new HashSet<>();

    Fields(YamlNode.Mapping map, String path, List<String> warnings) {
        this.map = map;
        this.path = path;
        this.warnings = warnings;
    }

    /** Decodes {@code node} as a mapping, or fails like yaml.v2 decoding it into {@code goType}. */
    static Fields of(YamlNode node, String path, String goType, List<String> warnings) {
        if (node instanceof YamlNode.Mapping m) {
            return new Fields(m, path, warnings);
        }
        throw mismatch(node, goType, path);
    }

    String path() {
        return path;
    }

    int line() {
        return map.line();
    }

    boolean has(String key) {
        read.add(key);
        YamlNode node = map.entries().get(key);
        return node != null && !(node instanceof YamlNode.Scalar s && s.isNull());
    }

    String string(String key) {
        return get(key).map(n -> text(n, at(key))).orElse("");
    }

    Optional<String> optionalString(String key) {
        return Specs.optional(string(key));
    }

    int integer(String key) {
        return get(key).map(n -> integer(n, at(key))).orElse(0);
    }

    boolean bool(String key) {
        return get(key).map(n -> bool(n, at(key))).orElse(false);
    }

    List<String> strings(String key) {
        return list(key, "[]string", (n, p) -> text(n, p));
    }

    List<Integer> integers(String key) {
        return list(key, "[]int", (n, p) -> integer(n, p));
    }

    /** A list of mappings, each decoded by {@code decoder} (secrets, networks…). */
    <T> List<T> objects(String key, String goType, Function<Fields, T> decoder) {
        return objects(key, goType, (f, i) -> decoder.apply(f));
    }

    /** A list of mappings decoded with their index (steps take their default id from it). */
    <T> List<T> objects(String key, String goType, Indexed<T> decoder) {
        var out = new ArrayList<T>();
        List<YamlNode> items = list(key, "[]" + goType, (n, p) -> n);
        for (int i = 0; i < items.size(); i++) {
            out.add(decoder.decode(of(items.get(i), at(key) + "[" + i + "]", goType, warnings), i));
        }
        return out;
    }

    interface Indexed<T> {
        T decode(Fields fields, int index);
    }

    /** A {@code map[string]string}; empty Optional when the key is absent or null. */
    Optional<Map<String, String>> stringMap(String key) {
        return get(key).map(node -> {
            if (!(node instanceof YamlNode.Mapping m)) {
                throw mismatch(node, "map[string]string", at(key));
            }
            var out = new LinkedHashMap<String, String>();
            m.entries().forEach((k, v) -> out.put(k, text(v, at(key) + "." + k)));
            return out;
        });
    }

    /** Reports the keys nothing read; call after decoding every known key. */
    void warnUnknown() {
        for (String key : map.entries().keySet()) {
            if (!read.contains(key)) {
                warnings.add("line " + map.entries().get(key).line() + ": ignoring unknown key \"" + key + "\""
                        + (path.isEmpty() ? "" : " in " + path));
            }
        }
    }

    private Optional<YamlNode> get(String key) {
        read.add(key);
        YamlNode node = map.entries().get(key);
        return node == null || node instanceof YamlNode.Scalar s && s.isNull() ? Optional.empty() : Optional.of(node);
    }

    private String at(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private <T> List<T> list(String key, String goType, Element<T> element) {
        Optional<YamlNode> node = get(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlNode.Sequence seq)) {
            throw mismatch(node.get(), goType, at(key));
        }
        var out = new ArrayList<T>();
        for (int i = 0; i < seq.items().size(); i++) {
            out.add(element.decode(seq.items().get(i), at(key) + "[" + i + "]"));
        }
        return out;
    }

    private interface Element<T> {
        T decode(YamlNode node, String path);
    }

    static String text(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s) {
            return s.text();
        }
        throw mismatch(node, "string", path);
    }

    static int integer(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s) {
            switch (s.kind()) {
                case NULL -> {
                    return 0;
                }
                case INT -> {
                    Integer v = YamlScalars.parseInt(s.text());
                    if (v != null) {
                        return v;
                    }
                }
                case FLOAT -> {
                    Integer v = YamlScalars.integralFloat(s.text());
                    if (v != null) {
                        return v;
                    }
                }
                default -> {
                }
            }
        }
        throw mismatch(node, "int", path);
    }

    /** A bool field also takes a plain y/n, which yaml.v2 reads as bool and SnakeYAML as a string. */
    static boolean bool(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s) {
            if (s.isNull()) {
                return false;
            }
            Boolean v = YamlScalars.parseBool(s.text());
            if (v != null && (s.kind() == YamlNode.Kind.BOOL || s.kind() == YamlNode.Kind.STRING)) {
                return v;
            }
        }
        throw mismatch(node, "bool", path);
    }

    static TaskSpecException mismatch(YamlNode node, String goType, String path) {
        String value = node instanceof YamlNode.Scalar s ? " `" + s.text() + "`" : "";
        return new TaskSpecException("yaml: line " + node.line() + ": cannot unmarshal " + node.tag() + value
                + " into " + goType + (path.isEmpty() ? "" : " (" + path + ")"));
    }
}
