package dev.slipway.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Azure CLI style output: {@code --query} (JMESPath) is applied to the JSON result first, then it is printed as
 * json (pretty, the default), jsonc (coloured), table, tsv, yaml or none.
 */
public final class Output {
    /** The {@code -o/--output} formats. */
    public enum Format { json, jsonc, table, tsv, yaml, none }

    private static final JacksonRuntime JMESPATH = new JacksonRuntime();
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final String KEY = "\u001b[94m";
    private static final String STRING = "\u001b[32m";
    private static final String LITERAL = "\u001b[36m";
    private static final String RESET = "\u001b[0m";

    private final Format format;
    private final Expression<JsonNode> query;

    private Output(Format format, Expression<JsonNode> query) {
        this.format = format;
        this.query = query;
    }

    /** Checks the query up front (before any request is made): a bad one is a usage error. */
    public static Output of(Format format, String query) {
        Expression<JsonNode> q = null;
        if (query != null) {
            try {
                q = JMESPATH.compile(query);
            } catch (JmesPathException e) {
                throw CliException.usage("argument --query: invalid JMESPath query '" + query + "': "
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
        return new Output(format == null ? Format.json : format, q);
    }

    /**
     * The text to print for a result; {@code table} is the command's table view, used when no query reshaped
     * the result (as in the Azure CLI), null for the generic one.
     */
    public String render(JsonNode data, Table table) {
        JsonNode d = data == null ? NullNode.getInstance() : data;
        if (query != null) {
            d = query.search(d);
            if (d == null) {
                d = NullNode.getInstance();
            }
        }
        return switch (format) {
            case none -> "";
            case json -> json(d, false);
            case jsonc -> json(d, true);
            case yaml -> d.isNull() ? "" : yaml(d);
            case tsv -> tsv(d);
            case table -> table != null && query == null ? table.render(d) : Table.generic(d);
        };
    }

    static String json(JsonNode n, boolean colour) {
        if (n.isNull()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        write(sb, n, 0, colour);
        return sb.append('\n').toString();
    }

    /** Two-space indentation, {@code "key": value}, empty containers as {@code []} / {@code {}} (like az). */
    private static void write(StringBuilder sb, JsonNode n, int depth, boolean colour) {
        if (n.isObject()) {
            if (n.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                indent(sb, depth + 1);
                paint(sb, quote(e.getKey()), KEY, colour);
                sb.append(": ");
                write(sb, e.getValue(), depth + 1, colour);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append('}');
        } else if (n.isArray()) {
            if (n.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < n.size(); i++) {
                indent(sb, depth + 1);
                write(sb, n.get(i), depth + 1, colour);
                sb.append(i + 1 < n.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append(']');
        } else if (n.isTextual()) {
            paint(sb, quote(n.textValue()), STRING, colour);
        } else {
            paint(sb, n.toString(), LITERAL, colour);
        }
    }

    private static void paint(StringBuilder sb, String s, String c, boolean colour) {
        sb.append(colour ? c + s + RESET : s);
    }

    private static String quote(String s) {
        try {
            return Json.MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append("  ".repeat(depth));
    }

    private static String yaml(JsonNode n) {
        try {
            return YAML.writeValueAsString(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tab-separated values like az: one line per array element (or for the object); an object's scalar values
     * in order, a nested list as its length, a nested object as an empty field; no headers.
     */
    static String tsv(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode row : Table.items(n)) {
            if (row.isObject() || row.isArray()) {
                String sep = "";
                for (JsonNode v : row.isObject() ? (Iterable<JsonNode>) row::elements : row) {
                    sb.append(sep).append(tsvField(v));
                    sep = "\t";
                }
            } else {
                sb.append(tsvField(row));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String tsvField(JsonNode v) {
        if (v.isArray()) {
            return Integer.toString(v.size());
        }
        if (v.isObject() || v.isNull()) {
            return "";
        }
        return v.asText();
    }
}
