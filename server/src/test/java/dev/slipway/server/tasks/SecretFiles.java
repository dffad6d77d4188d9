package dev.slipway.server.tasks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Scans every file under a directory for a plain text value, reads what the database holds (encryption at rest). */
final class SecretFiles {
    private SecretFiles() {
    }

    static boolean anyContains(Path dir, String plain) throws IOException {
        byte[] needle = plain.getBytes(StandardCharsets.UTF_8);
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(p), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code runs.request_json} of a run, read with plain JDBC (beside the server's own connection, WAL allows it). */
    static String storedRequest(Path dataDir, String runId) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("slipway.db").toAbsolutePath());
             var q = c.prepareStatement("SELECT request_json FROM runs WHERE id = ?")) {
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no run " + runId + " in the database");
                }
                return rs.getString(1);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
