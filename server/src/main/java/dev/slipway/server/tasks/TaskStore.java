package dev.slipway.server.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.slipway.server.meta.Jdbc;
import dev.slipway.server.secrets.SealedValue;
import dev.slipway.server.secrets.SecretCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tasks table; secret values inside the stored definition are sealed with the secret key. */
final class TaskStore {
    private static final String COLUMNS = "name, definition_json, created_time, updated_time";

    private final Jdbc jdbc;
    private final SecretCipher cipher;

    TaskStore(Jdbc jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** False when a task with that name exists already. */
    boolean insert(TaskDefinition t) {
        return jdbc.transaction(c -> {
            if (!Jdbc.query(c, "SELECT name FROM tasks WHERE name = ?", rs -> rs.getString(1), t.name()).isEmpty()) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO tasks (name, status, platform, cpu, timeout_seconds, context, step_type,"
                            + " definition_json, created_time, updated_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    t.name(), t.status().name(), t.platform(), t.cpu(), t.timeout(), t.context(), t.step().type(),
                    sealed(t), t.creationDate().toEpochMilli(), t.lastUpdated().toEpochMilli());
            return true;
        });
    }

    /** False when the task does not exist (any more). */
    boolean update(TaskDefinition t) {
        return jdbc.update("UPDATE tasks SET status = ?, platform = ?, cpu = ?, timeout_seconds = ?, context = ?,"
                        + " step_type = ?, definition_json = ?, updated_time = ? WHERE name = ?", t.status().name(),
                t.platform(), t.cpu(), t.timeout(), t.context(), t.step().type(), sealed(t),
                t.lastUpdated().toEpochMilli(), t.name()) == 1;
    }

    Optional<TaskDefinition> get(String name) {
        return jdbc.one("SELECT " + COLUMNS + " FROM tasks WHERE name = ?", this::map, name);
    }

    List<TaskDefinition> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM tasks ORDER BY name", this::map);
    }

    boolean delete(String name) {
        return jdbc.update("DELETE FROM tasks WHERE name = ?", name) == 1;
    }

    /** Every sealed value in the stored definitions, read before the key is opened (see {@link SecretCipher#open}). */
    static List<SealedValue> sealedValues(Jdbc jdbc) {
        List<SealedValue> values = new ArrayList<>();
        for (String[] row : jdbc.query("SELECT name, definition_json FROM tasks ORDER BY name",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            try {
                TaskInput.read(row[0], TaskJson.JSON.readTree(row[1]), v -> {
                    values.add(new SealedValue("tasks", row[0], v));
                    return v;
                }, Instant.EPOCH, Instant.EPOCH);
            } catch (JsonProcessingException | RuntimeException e) {
                // A definition that cannot be read fails where it is read; it holds no value we could check here.
            }
        }
        return values;
    }

    private String sealed(TaskDefinition t) {
        return TaskJson.write(t, TaskJson.Secrets.SEALED, cipher::seal).toString();
    }

    private TaskDefinition map(ResultSet rs) throws SQLException {
        try {
            return TaskInput.read(rs.getString("name"), TaskJson.JSON.readTree(rs.getString("definition_json")),
                    cipher::open, Instant.ofEpochMilli(rs.getLong("created_time")),
                    Instant.ofEpochMilli(rs.getLong("updated_time")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored task " + rs.getString("name") + " is not JSON", e);
        }
    }
}
