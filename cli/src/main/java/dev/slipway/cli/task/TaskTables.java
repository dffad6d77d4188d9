package dev.slipway.cli.task;

import static dev.slipway.cli.support.Table.col;
import static dev.slipway.cli.support.Table.field;

import dev.slipway.cli.support.Table;

/** ACR's task table: {@code NAME  PLATFORM  STATUS  SOURCE REPOSITORY  TRIGGERS}. */
final class TaskTables {
    static final Table TASKS = Table.of(field("NAME", "name"), col("PLATFORM", t -> t.path("platform").path("os").asText("")),
            field("STATUS", "status"), col("SOURCE REPOSITORY", t -> t.path("step").path("contextPath").asText("")),
            col("TRIGGERS", t -> ""));

    private TaskTables() {
    }
}
