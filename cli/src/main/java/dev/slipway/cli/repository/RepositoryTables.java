package dev.slipway.cli.repository;

import static dev.slipway.cli.support.Table.col;
import static dev.slipway.cli.support.Table.field;
import static dev.slipway.cli.support.Table.time;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.support.Json;
import dev.slipway.cli.support.Table;
import java.util.ArrayList;
import java.util.List;

/** Table views of a repository, a tag or a manifest, with their changeable attributes (locks). */
final class RepositoryTables {
    private RepositoryTables() { }

    static Table forTarget(Target t) {
        List<Table.Column> cols = new ArrayList<>();
        String inner;
        if (t.tag() != null) {
            inner = "tag";
            cols.add(field("IMAGE NAME", "imageName"));
            cols.add(col("TAG", n -> Json.text(n.path(inner), "name")));
            cols.add(col("DIGEST", n -> Json.text(n.path(inner), "digest")));
            cols.add(col("LAST UPDATE TIME", n -> Table.time(Json.text(n.path(inner), "lastUpdateTime"))));
        } else if (t.digest() != null) {
            inner = "manifest";
            cols.add(field("IMAGE NAME", "imageName"));
            cols.add(col("DIGEST", n -> Json.text(n.path(inner), "digest")));
            cols.add(col("LAST UPDATE TIME", n -> Table.time(Json.text(n.path(inner), "lastUpdateTime"))));
        } else {
            inner = null;
            cols.add(field("IMAGE NAME", "imageName"));
            cols.add(field("TAGS", "tagCount"));
            cols.add(field("MANIFESTS", "manifestCount"));
            cols.add(time("LAST UPDATE TIME", "lastUpdateTime"));
        }
        for (String[] a : new String[][] {{"WRITE", "writeEnabled"}, {"DELETE", "deleteEnabled"}, {"READ", "readEnabled"},
                {"LIST", "listEnabled"}}) {
            cols.add(col(a[0] + " ENABLED", n -> Json.text(attributes(n, inner), a[1])));
        }
        return new Table(cols);
    }

    private static JsonNode attributes(JsonNode n, String inner) {
        return (inner == null ? n : n.path(inner)).path("changeableAttributes");
    }
}
