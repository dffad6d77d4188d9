package dev.slipway.cli.run;

import static dev.slipway.cli.support.Table.col;
import static dev.slipway.cli.support.Table.field;

import dev.slipway.cli.support.Json;
import dev.slipway.cli.support.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** ACR's run table: {@code RUN ID  TASK  PLATFORM  STATUS  TRIGGER  STARTED  DURATION}. */
public final class RunTables {
    public static final Table RUNS = Table.of(field("RUN ID", "runId"), field("TASK", "task"),
            col("PLATFORM", r -> capitalized(r.path("platform").path("os").asText(""))), field("STATUS", "status"),
            field("TRIGGER", "trigger"), col("STARTED", r -> Table.time(Json.text(r, "startTime"))),
            col("DURATION", r -> duration(Json.text(r, "startTime"), Json.text(r, "finishTime"))));

    private RunTables() {
    }

    /** {@code HH:MM:SS} (hours may pass 24); empty until the run has started and finished. */
    static String duration(String start, String finish) {
        if (start == null || finish == null || start.isEmpty() || finish.isEmpty()) {
            return "";
        }
        try {
            long s = Math.max(0, Duration.between(Instant.parse(start), Instant.parse(finish)).toSeconds());
            return String.format("%02d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60);
        } catch (DateTimeParseException e) {
            return "";
        }
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

}
