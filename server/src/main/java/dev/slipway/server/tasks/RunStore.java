package dev.slipway.server.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.server.meta.Jdbc;
import dev.slipway.server.secrets.SealedValue;
import dev.slipway.server.secrets.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runs table and the id counter. The secret parts of a run's request are sealed with the secret key while it
 * waits or runs ({@link RequestSecrets}), and dropped when it ends.
 */
final class RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, seq, status, run_type, run_trigger, task_name, platform_os, platform_arch,"
            + " registry, create_time, start_time, finish_time, output_images, error_message, archive_enabled, log_deleted";

    /** What a new run needs; the id is assigned on insert. */
    record NewRun(RunType type, String task, String os, String architecture, String registry, JsonNode request) { }

    private final Jdbc jdbc;
    private final String prefix;
    private final SecretCipher cipher;

    RunStore(Jdbc jdbc, String prefix, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.prefix = prefix;
        this.cipher = cipher;
    }

    RunRecord insert(NewRun run, Instant now) {
        return jdbc.transaction(c -> {
            Jdbc.update(c, "UPDATE run_counter SET value = value + 1 WHERE name = 'runs'");
            long seq = Jdbc.query(c, "SELECT value FROM run_counter WHERE name = 'runs'", rs -> rs.getLong(1)).getFirst();
            String id = RunIds.format(prefix, seq);
            Jdbc.update(c, "INSERT INTO runs (id, seq, status, run_type, run_trigger, task_name, platform_os, platform_arch,"
                            + " registry, create_time, request_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, seq, RunStatus.Queued.name(), run.type().name(), "Manual", run.task(), run.os(), run.architecture(),
                    run.registry(), now.toEpochMilli(), RequestSecrets.seal(run.request(), cipher::seal).toString());
            return Jdbc.query(c, "SELECT " + COLUMNS + " FROM runs WHERE id = ?", RunStore::map, id).getFirst();
        });
    }

    Optional<RunRecord> get(String id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM runs WHERE id = ?", RunStore::map, id);
    }

    /**
     * The run's request as it was given, its secrets opened.
     *
     * @throws dev.slipway.server.secrets.SecretException when a secret cannot be decrypted with the key
     */
    JsonNode request(String id) {
        return RequestSecrets.open(storedRequest(id), cipher::open);
    }

    /** Drops the secrets of an ended run's request; what is left is kept (readable, nothing secret). */
    void dropSecrets(String id) {
        JsonNode stored;
        try {
            stored = storedRequest(id);
        } catch (IllegalStateException e) {
            return; // not JSON: nothing we could tell apart in it
        }
        jdbc.update("UPDATE runs SET request_json = ? WHERE id = ?", RequestSecrets.redact(stored).toString(), id);
    }

    /** Seals what queued runs stored before requests were sealed still hold in plain text. */
    void sealQueued() {
        for (String id : idsWithStatus(RunStatus.Queued)) {
            JsonNode stored;
            try {
                stored = storedRequest(id);
            } catch (IllegalStateException e) {
                continue; // not JSON: the run fails when it starts
            }
            JsonNode sealed = RequestSecrets.seal(stored, cipher::seal);
            if (!sealed.equals(stored)) {
                jdbc.update("UPDATE runs SET request_json = ? WHERE id = ? AND status = ?", sealed.toString(), id,
                        RunStatus.Queued.name());
            }
        }
    }

    /** The values queued runs hold sealed, read before the key is opened (see {@link SecretCipher#open}). */
    static List<SealedValue> sealedValues(Jdbc jdbc) {
        List<SealedValue> values = new ArrayList<>();
        for (String[] row : jdbc.query("SELECT id, request_json FROM runs WHERE status = ? ORDER BY seq",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, RunStatus.Queued.name())) {
            try {
                RequestSecrets.sealed(JSON.readTree(row[1])).forEach(v -> values.add(new SealedValue("runs", "id", row[0], v)));
            } catch (JsonProcessingException e) {
                // A request that cannot be read fails its run when it starts; it holds no value we could check here.
            }
        }
        return values;
    }

    private JsonNode storedRequest(String id) {
        String json = jdbc.one("SELECT request_json FROM runs WHERE id = ?", rs -> rs.getString(1), id)
                .orElseThrow(() -> RunException.notFound(id));
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored request of run " + id + " is not JSON", e);
        }
    }

    /** Newest first; status and task filtered here, images by the caller. */
    List<RunRecord> list(RunStatus status, String task, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM runs WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (task != null) {
            sql.append(" AND task_name = ?");
            args.add(task);
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(limit);
        return jdbc.query(sql.toString(), RunStore::map, args.toArray());
    }

    List<String> idsWithStatus(RunStatus status) {
        return jdbc.query("SELECT id FROM runs WHERE status = ? ORDER BY seq", rs -> rs.getString(1), status.name());
    }

    /** Queued → Running; false when the run is no longer queued (canceled meanwhile). */
    boolean markRunning(String id, Instant now) {
        return jdbc.update("UPDATE runs SET status = ?, start_time = ? WHERE id = ? AND status = ?",
                RunStatus.Running.name(), now.toEpochMilli(), id, RunStatus.Queued.name()) == 1;
    }

    /** Moves a run from {@code from} to a terminal status; false when it was not in {@code from}. */
    boolean finish(String id, RunStatus from, RunStatus to, String error, List<String> images, Instant now) {
        return jdbc.update("UPDATE runs SET status = ?, error_message = ?, output_images = ?, finish_time = ?"
                        + " WHERE id = ? AND status = ?", to.name(), error, images.isEmpty() ? null : json(images),
                now.toEpochMilli(), id, from.name()) == 1;
    }

    /** acb's dependency report of a finished run (JSON), kept for base-image triggers. */
    void saveDependencies(String id, String json) {
        jdbc.update("UPDATE runs SET dependencies = ? WHERE id = ?", json, id);
    }

    /** The stored dependency report, or empty when the run built nothing (or has not ended). */
    Optional<String> dependencies(String id) {
        List<String> found = jdbc.query("SELECT dependencies FROM runs WHERE id = ?", rs -> rs.getString(1), id);
        if (found.isEmpty()) {
            throw RunException.notFound(id);
        }
        return Optional.ofNullable(found.getFirst());
    }

    void setArchive(String id, boolean enabled) {
        if (jdbc.update("UPDATE runs SET archive_enabled = ? WHERE id = ?", enabled ? 1 : 0, id) == 0) {
            throw RunException.notFound(id);
        }
    }

    /** Finished runs whose log is still kept, finished before {@code cutoff}, not archived. */
    List<String> expiredLogs(Instant cutoff) {
        return jdbc.query("SELECT id FROM runs WHERE finish_time IS NOT NULL AND finish_time < ? AND archive_enabled = 0"
                + " AND log_deleted = 0", rs -> rs.getString(1), cutoff.toEpochMilli());
    }

    void markLogDeleted(String id) {
        jdbc.update("UPDATE runs SET log_deleted = 1 WHERE id = ?", id);
    }

    private static RunRecord map(ResultSet rs) throws SQLException {
        return new RunRecord(rs.getString("id"), rs.getLong("seq"), RunStatus.valueOf(rs.getString("status")),
                RunType.valueOf(rs.getString("run_type")), rs.getString("run_trigger"), rs.getString("task_name"),
                rs.getString("platform_os"), rs.getString("platform_arch"), rs.getString("registry"),
                instant(rs, "create_time"), instant(rs, "start_time"), instant(rs, "finish_time"),
                images(rs.getString("output_images")), rs.getString("error_message"), rs.getInt("archive_enabled") != 0,
                rs.getInt("log_deleted") != 0);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static List<String> images(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static String json(List<String> images) {
        try {
            return JSON.writeValueAsString(images);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
