package dev.slipway.cli.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A command's table view (Azure CLI's table transformers): named columns computed from each item. Rendered
 * like {@code az -o table}: headers, a line of dashes, two spaces between columns.
 */
public record Table(List<Column> columns) {
    public record Column(String header, Function<JsonNode, String> value) { }

    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    public static Column col(String header, Function<JsonNode, String> value) {
        return new Column(header, value);
    }

    /** A column showing a field's text. */
    public static Column field(String header, String field) {
        return new Column(header, n -> Json.text(n, field));
    }

    /** A column showing a time field as {@code 2026-01-02T03:04:05Z}. */
    public static Column time(String header, String field) {
        return new Column(header, n -> time(Json.text(n, field)));
    }

    public static String time(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        try {
            return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** The rows of a result: each element of an array, or the object itself. */
    static List<JsonNode> items(JsonNode data) {
        List<JsonNode> rows = new ArrayList<>();
        if (data == null || data.isNull()) {
            return rows;
        }
        if (data.isArray()) {
            data.forEach(rows::add);
        } else {
            rows.add(data);
        }
        return rows;
    }

    String render(JsonNode data) {
        List<JsonNode> items = items(data);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : items) {
            List<String> row = new ArrayList<>();
            for (Column c : columns) {
                String v = c.value().apply(item);
                row.add(v == null ? "" : v.replace('\n', ' '));
            }
            rows.add(row);
        }
        return layout(columns.stream().map(Column::header).toList(), rows);
    }

    /**
     * Azure CLI's table view of any JSON (used without a transformer, or after --query): the scalar fields of
     * each object (nested objects and lists are left out), headers with a capital first letter; scalars and
     * lists of scalars in one column named Result.
     */
    static String generic(JsonNode data) {
        List<JsonNode> items = items(data);
        if (items.isEmpty()) {
            return "";
        }
        boolean objects = items.stream().anyMatch(JsonNode::isObject);
        if (!objects) {
            List<List<String>> rows = items.stream().map(n -> List.of(cell(n))).toList();
            return layout(List.of("Result"), rows);
        }
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode item : items) {
            for (Map.Entry<String, JsonNode> e : item.properties()) {
                if (e.getValue().isValueNode()) {
                    keys.add(e.getKey());
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : items) {
            List<String> row = new ArrayList<>();
            for (String k : keys) {
                JsonNode v = item.get(k);
                row.add(v == null || !v.isValueNode() ? "" : cell(v));
            }
            rows.add(row);
        }
        List<String> headers = keys.stream().map(k -> k.isEmpty() ? k : Character.toUpperCase(k.charAt(0)) + k.substring(1)).toList();
        return layout(headers, rows);
    }

    private static String cell(JsonNode v) {
        return v.isNull() ? "" : v.isValueNode() ? v.asText().replace('\n', ' ') : v.toString();
    }

    private static String layout(List<String> headers, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int[] width = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            width[i] = headers.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, headers, width);
        List<String> dashes = new ArrayList<>();
        for (int w : width) {
            dashes.add("-".repeat(w));
        }
        line(sb, dashes, width);
        for (List<String> row : rows) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append("  ");
            }
            l.append(cells.get(i));
            l.append(" ".repeat(width[i] - cells.get(i).length()));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
