package dev.slipway.runner.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the first document of a YAML text into {@link YamlNode}s with Jackson's streaming YAML parser. Duplicate
 * keys are errors (yaml.v2: "key already set in map"); anchors on mappings and sequences may be aliased.
 */
final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final YAMLParser parser;
    private final Map<String, YamlNode> anchors = new HashMap<>();

    private YamlReader(YAMLParser parser) {
        this.parser = parser;
    }

    /** The document's root, or {@code null} for an empty document (acb accepts an empty task). */
    static YamlNode read(String text) {
        try (YAMLParser parser = (YAMLParser) FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            return first == null ? null : new YamlReader(parser).value(first);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String detail = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML").strip();
            throw new TaskSpecException("yaml: line " + line + ": " + detail, e);
        } catch (IOException e) {
            throw new TaskSpecException("yaml: " + e.getMessage(), e);
        }
    }

    private YamlNode value(JsonToken token) throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        String anchor = parser.getObjectId() instanceof String s ? s : null;
        YamlNode node = switch (token) {
            case START_OBJECT -> mapping(line);
            case START_ARRAY -> sequence(line);
            case VALUE_STRING -> parser.isCurrentAlias() ? alias(parser.getText(), line)
                    : scalar(YamlNode.Kind.STRING, line);
            case VALUE_NUMBER_INT -> scalar(YamlNode.Kind.INT, line);
            case VALUE_NUMBER_FLOAT -> scalar(YamlNode.Kind.FLOAT, line);
            case VALUE_TRUE, VALUE_FALSE -> scalar(YamlNode.Kind.BOOL, line);
            case VALUE_NULL -> new YamlNode.Scalar("", YamlNode.Kind.NULL, line);
            default -> new YamlNode.Scalar(parser.getText(), YamlNode.Kind.STRING, line);
        };
        if (anchor != null && !(node instanceof YamlNode.Scalar)) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private YamlNode.Scalar scalar(YamlNode.Kind kind, int line) throws IOException {
        return new YamlNode.Scalar(parser.getText(), kind, line);
    }

    private YamlNode alias(String name, int line) {
        YamlNode target = anchors.get(name);
        if (target == null) {
            throw new TaskSpecException("yaml: line " + line + ": unknown anchor '" + name + "' referenced");
        }
        return target;
    }

    private YamlNode.Mapping mapping(int line) throws IOException {
        var entries = new LinkedHashMap<String, YamlNode>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = parser.currentTokenLocation().getLineNr();
            YamlNode value = value(parser.nextToken());
            if (entries.putIfAbsent(key, value) != null) {
                throw new TaskSpecException("yaml: line " + keyLine + ": key \"" + key + "\" already set in map");
            }
        }
        expectEnd(token, JsonToken.END_OBJECT);
        return new YamlNode.Mapping(entries, line);
    }

    private YamlNode.Sequence sequence(int line) throws IOException {
        var items = new ArrayList<YamlNode>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                expectEnd(null, JsonToken.END_ARRAY);
            }
            items.add(value(token));
        }
        return new YamlNode.Sequence(items, line);
    }

    private static void expectEnd(JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw new TaskSpecException("yaml: unexpected end of document, expected " + expected);
        }
    }
}
