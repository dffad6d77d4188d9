package dev.slipway.server.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.oci.Digest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The metadata store over JDBC, in SQL that SQLite and PostgreSQL both accept. */
final class JdbcMetadataStore implements MetadataStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST_COLUMNS =
            "m.repository, m.digest, m.media_type, m.size, m.artifact_type, m.subject, m.annotations, m.created_at";
    private static final String TAG_COLUMNS = "t.repository, t.name, t.digest, t.created_at, t.updated_at";
    /** Placeholders per IN list, well below every database's parameter limit. */
    private static final int IN_CHUNK = 500;

    private final Jdbc jdbc;
    private final Runnable onClose;

    JdbcMetadataStore(Jdbc jdbc, Runnable onClose) {
        this.jdbc = jdbc;
        this.onClose = onClose;
    }

    @Override
    public List<String> repositories(String last, int limit) {
        return jdbc.query("SELECT name FROM repositories WHERE name > ? ORDER BY name LIMIT ?",
                rs -> rs.getString(1), last == null ? "" : last, limit);
    }

    @Override
    public boolean repositoryExists(String repository) {
        return jdbc.one("SELECT 1 FROM repositories WHERE name = ?", rs -> true, repository).isPresent();
    }

    @Override
    public void linkBlob(String repository, Digest digest, long size) {
        long now = System.currentTimeMillis();
        jdbc.transaction(c -> {
            ensureRepository(c, repository, now);
            return Jdbc.update(c, "INSERT INTO repository_blobs (repository, digest, size, created_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (repository, digest) DO NOTHING", repository, digest.toString(), size, now);
        });
    }

    @Override
    public long linkedBlobSize(String repository, Digest digest) {
        return jdbc.one("SELECT size FROM repository_blobs WHERE repository = ? AND digest = ?",
                rs -> rs.getLong(1), repository, digest.toString()).orElse(-1L);
    }

    @Override
    public List<String> repositoriesWithBlob(Digest digest, int limit) {
        return jdbc.query("SELECT repository FROM repository_blobs WHERE digest = ? ORDER BY repository LIMIT ?",
                rs -> rs.getString(1), digest.toString(), limit);
    }

    @Override
    public boolean unlinkBlob(String repository, Digest digest) {
        return jdbc.update("DELETE FROM repository_blobs WHERE repository = ? AND digest = ?",
                repository, digest.toString()) > 0;
    }

    @Override
    public Set<Digest> missingBlobs(String repository, Collection<Digest> digests) {
        return missing("SELECT digest FROM repository_blobs WHERE repository = ? AND digest IN", repository, digests);
    }

    @Override
    public Set<Digest> missingManifests(String repository, Collection<Digest> digests) {
        return missing("SELECT digest FROM manifests WHERE repository = ? AND digest IN", repository, digests);
    }

    /** One query for all digests: {@code sql} ends with {@code digest IN} and gets the placeholders appended. */
    private Set<Digest> missing(String sql, String repository, Collection<Digest> digests) {
        Set<Digest> wanted = new HashSet<>(digests);
        if (wanted.isEmpty()) {
            return wanted;
        }
        List<String> keys = wanted.stream().map(Digest::toString).toList();
        Object[] args = new Object[keys.size() + 1];
        args[0] = repository;
        for (int i = 0; i < keys.size(); i++) {
            args[i + 1] = keys.get(i);
        }
        String in = " (" + String.join(", ", java.util.Collections.nCopies(keys.size(), "?")) + ")";
        Set<String> present = new HashSet<>(jdbc.query(sql + in, rs -> rs.getString(1), args));
        wanted.removeIf(d -> present.contains(d.toString()));
        return wanted;
    }

    @Override
    public void putManifest(NewManifest m, String tag) {
        long now = System.currentTimeMillis();
        String digest = m.digest().toString();
        jdbc.transaction(c -> {
            ensureRepository(c, m.repository(), now);
            int inserted = Jdbc.update(c, "INSERT INTO manifests (repository, digest, media_type, size, artifact_type, subject,"
                            + " annotations, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repository, digest) DO NOTHING",
                    m.repository(), digest, m.mediaType(), m.size(), m.artifactType(),
                    m.subject() == null ? null : m.subject().toString(), json(m.annotations()), now);
            if (inserted > 0) {
                insertReferences(c, m, "blob", m.blobs());
                insertReferences(c, m, "manifest", m.children());
            }
            if (tag != null) {
                Jdbc.update(c, "INSERT INTO tags (repository, name, digest, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (repository, name) DO UPDATE SET digest = excluded.digest, updated_at = excluded.updated_at",
                        m.repository(), tag, digest, now, now);
            }
            return null;
        });
    }

    private static void insertReferences(Connection c, NewManifest m, String kind, List<Digest> refs) throws SQLException {
        for (Digest ref : refs) {
            Jdbc.update(c, "INSERT INTO manifest_references (repository, digest, reference, kind) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (repository, digest, reference) DO NOTHING",
                    m.repository(), m.digest().toString(), ref.toString(), kind);
        }
    }

    @Override
    public Optional<ManifestRecord> manifest(String repository, Digest digest) {
        return jdbc.one("SELECT " + MANIFEST_COLUMNS + " FROM manifests m WHERE m.repository = ? AND m.digest = ?",
                JdbcMetadataStore::manifestRow, repository, digest.toString());
    }

    @Override
    public Optional<ManifestRecord> manifestByTag(String repository, String tag) {
        return jdbc.one("SELECT " + MANIFEST_COLUMNS + " FROM tags t JOIN manifests m"
                        + " ON m.repository = t.repository AND m.digest = t.digest WHERE t.repository = ? AND t.name = ?",
                JdbcMetadataStore::manifestRow, repository, tag);
    }

    @Override
    public boolean deleteManifest(String repository, Digest digest) {
        String d = digest.toString();
        return jdbc.transaction(c -> {
            int n = Jdbc.update(c, "DELETE FROM manifests WHERE repository = ? AND digest = ?", repository, d);
            Jdbc.update(c, "DELETE FROM manifest_references WHERE repository = ? AND digest = ?", repository, d);
            Jdbc.update(c, "DELETE FROM attributes WHERE repository = ? AND kind = ? AND name IN"
                    + " (SELECT name FROM tags WHERE repository = ? AND digest = ?)", repository, AttributeKind.TAG.column(), repository, d);
            Jdbc.update(c, "DELETE FROM attributes WHERE repository = ? AND kind = ? AND name = ?",
                    repository, AttributeKind.MANIFEST.column(), d);
            Jdbc.update(c, "DELETE FROM tags WHERE repository = ? AND digest = ?", repository, d);
            return n > 0;
        });
    }

    @Override
    public boolean deleteTag(String repository, String tag) {
        return jdbc.transaction(c -> {
            Jdbc.update(c, "DELETE FROM attributes WHERE repository = ? AND kind = ? AND name = ?",
                    repository, AttributeKind.TAG.column(), tag);
            return Jdbc.update(c, "DELETE FROM tags WHERE repository = ? AND name = ?", repository, tag) > 0;
        });
    }

    @Override
    public List<String> tags(String repository, String last, int limit) {
        return jdbc.query("SELECT name FROM tags WHERE repository = ? AND name > ? ORDER BY name LIMIT ?",
                rs -> rs.getString(1), repository, last == null ? "" : last, limit);
    }

    @Override
    public Optional<TagRecord> tag(String repository, String tag) {
        return jdbc.one("SELECT " + TAG_COLUMNS + " FROM tags t WHERE t.repository = ? AND t.name = ?",
                JdbcMetadataStore::tagRow, repository, tag);
    }

    @Override
    public List<ManifestRecord> referrers(String repository, Digest subject, String artifactType) {
        String sql = "SELECT " + MANIFEST_COLUMNS + " FROM manifests m WHERE m.repository = ? AND m.subject = ?";
        return artifactType == null
                ? jdbc.query(sql + " ORDER BY m.created_at, m.digest", JdbcMetadataStore::manifestRow, repository, subject.toString())
                : jdbc.query(sql + " AND m.artifact_type = ? ORDER BY m.created_at, m.digest", JdbcMetadataStore::manifestRow,
                        repository, subject.toString(), artifactType);
    }

    @Override
    public Optional<RepositoryRecord> repository(String name) {
        return jdbc.one("SELECT r.name, r.created_at,"
                        + " (SELECT MAX(m.created_at) FROM manifests m WHERE m.repository = r.name),"
                        + " (SELECT MAX(t.updated_at) FROM tags t WHERE t.repository = r.name),"
                        + " (SELECT COUNT(*) FROM manifests m WHERE m.repository = r.name),"
                        + " (SELECT COUNT(*) FROM tags t WHERE t.repository = r.name)"
                        + " FROM repositories r WHERE r.name = ?",
                rs -> new RepositoryRecord(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        Instant.ofEpochMilli(Math.max(rs.getLong(2), Math.max(rs.getLong(3), rs.getLong(4)))),
                        rs.getLong(5), rs.getLong(6)), name);
    }

    @Override
    public boolean deleteRepository(String name) {
        return jdbc.transaction(c -> {
            for (String table : List.of("tags", "manifest_references", "manifests", "repository_blobs", "attributes")) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE repository = ?", name);
            }
            return Jdbc.update(c, "DELETE FROM repositories WHERE name = ?", name) > 0;
        });
    }

    @Override
    public List<TagRecord> tagRecords(String repository, ListOrder order, String last, int limit) {
        String from = "SELECT " + TAG_COLUMNS + " FROM tags t WHERE t.repository = ?";
        if (order == ListOrder.NAME || last == null) {
            return last == null
                    ? jdbc.query(from + orderBy(order, "t.updated_at", "t.name") + " LIMIT ?", JdbcMetadataStore::tagRow, repository, limit)
                    : jdbc.query(from + " AND t.name > ? ORDER BY t.name LIMIT ?", JdbcMetadataStore::tagRow, repository, last, limit);
        }
        return tag(repository, last).map(cursor -> jdbc.query(from + after(order, "t.updated_at", "t.name")
                        + orderBy(order, "t.updated_at", "t.name") + " LIMIT ?", JdbcMetadataStore::tagRow, repository,
                        cursor.updated().toEpochMilli(), cursor.updated().toEpochMilli(), last, limit))
                .orElse(List.of());
    }

    @Override
    public List<ManifestRecord> manifests(String repository, ListOrder order, Digest last, int limit) {
        String from = "SELECT " + MANIFEST_COLUMNS + " FROM manifests m WHERE m.repository = ?";
        if (order == ListOrder.NAME || last == null) {
            return last == null
                    ? jdbc.query(from + orderBy(order, "m.created_at", "m.digest") + " LIMIT ?", JdbcMetadataStore::manifestRow, repository, limit)
                    : jdbc.query(from + " AND m.digest > ? ORDER BY m.digest LIMIT ?", JdbcMetadataStore::manifestRow,
                            repository, last.toString(), limit);
        }
        return manifest(repository, last).map(cursor -> jdbc.query(from + after(order, "m.created_at", "m.digest")
                        + orderBy(order, "m.created_at", "m.digest") + " LIMIT ?", JdbcMetadataStore::manifestRow, repository,
                        cursor.created().toEpochMilli(), cursor.created().toEpochMilli(), last.toString(), limit))
                .orElse(List.of());
    }

    /** Rows after a cursor row in a time order; ties are broken by the key, in the same direction. */
    private static String after(ListOrder order, String time, String key) {
        String cmp = order == ListOrder.TIME_DESC ? "<" : ">";
        return " AND (" + time + " " + cmp + " ? OR (" + time + " = ? AND " + key + " " + cmp + " ?))";
    }

    private static String orderBy(ListOrder order, String time, String key) {
        return switch (order) {
            case NAME -> " ORDER BY " + key;
            case TIME_ASC -> " ORDER BY " + time + ", " + key;
            case TIME_DESC -> " ORDER BY " + time + " DESC, " + key + " DESC";
        };
    }

    @Override
    public Map<Digest, List<String>> tagsOf(String repository, Collection<Digest> digests) {
        Map<Digest, List<String>> out = new HashMap<>();
        inChunks(digests, (c, in, args) -> Jdbc.query(c, "SELECT digest, name FROM tags WHERE repository = ? AND digest IN (" + in
                + ") ORDER BY name", rs -> out.computeIfAbsent(Digest.parse(rs.getString(1)), d -> new ArrayList<>())
                .add(rs.getString(2)), prepend(repository, args)));
        return out;
    }

    @Override
    public Map<Digest, Long> imageSizes(String repository, Collection<Digest> digests) {
        Map<Digest, Long> out = new HashMap<>();
        inChunks(digests, (c, in, args) -> Jdbc.query(c, "SELECT m.digest, m.size + COALESCE((SELECT SUM(b.size)"
                + " FROM manifest_references r JOIN repository_blobs b ON b.repository = r.repository AND b.digest = r.reference"
                + " WHERE r.repository = m.repository AND r.digest = m.digest AND r.kind = 'blob'), 0)"
                + " FROM manifests m WHERE m.repository = ? AND m.digest IN (" + in + ")",
                rs -> out.put(Digest.parse(rs.getString(1)), rs.getLong(2)), prepend(repository, args)));
        return out;
    }

    private interface ChunkQuery {
        void run(Connection c, String placeholders, Object[] args) throws SQLException;
    }

    private void inChunks(Collection<Digest> digests, ChunkQuery query) {
        List<String> all = digests.stream().distinct().map(Digest::toString).toList();
        jdbc.read(c -> {
            for (int i = 0; i < all.size(); i += IN_CHUNK) {
                List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_CHUNK));
                query.run(c, String.join(", ", Collections.nCopies(chunk.size(), "?")), chunk.toArray());
            }
            return null;
        });
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] out = new Object[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    @Override
    public List<AttributeRecord> attributes(String repository) {
        return jdbc.query("SELECT repository, kind, name, delete_enabled, write_enabled, read_enabled, list_enabled"
                + " FROM attributes WHERE repository = ?", rs -> new AttributeRecord(rs.getString(1),
                AttributeKind.ofColumn(rs.getString(2)), rs.getString(3),
                new Attributes(rs.getInt(4) != 0, rs.getInt(5) != 0, rs.getInt(6) != 0, rs.getInt(7) != 0)), repository);
    }

    @Override
    public Set<String> unlistedRepositories() {
        return new HashSet<>(jdbc.query("SELECT repository FROM attributes WHERE kind = ? AND list_enabled = 0",
                rs -> rs.getString(1), AttributeKind.REPOSITORY.column()));
    }

    @Override
    public void putAttributes(AttributeRecord r) {
        Attributes a = r.attributes();
        if (a.isDefault()) {
            jdbc.update("DELETE FROM attributes WHERE repository = ? AND kind = ? AND name = ?",
                    r.repository(), r.kind().column(), r.name());
            return;
        }
        jdbc.update("INSERT INTO attributes (repository, kind, name, delete_enabled, write_enabled, read_enabled, list_enabled,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (repository, kind, name) DO UPDATE SET"
                        + " delete_enabled = excluded.delete_enabled, write_enabled = excluded.write_enabled,"
                        + " read_enabled = excluded.read_enabled, list_enabled = excluded.list_enabled, updated_at = excluded.updated_at",
                r.repository(), r.kind().column(), r.name(), flag(a.deleteEnabled()), flag(a.writeEnabled()),
                flag(a.readEnabled()), flag(a.listEnabled()), System.currentTimeMillis());
    }

    private static int flag(boolean b) {
        return b ? 1 : 0;
    }

    @Override
    public void createUpload(UploadRecord u) {
        jdbc.update("INSERT INTO uploads (id, repository, created_at) VALUES (?, ?, ?)",
                u.id(), u.repository(), u.created().toEpochMilli());
    }

    @Override
    public Optional<UploadRecord> upload(String id) {
        return jdbc.one("SELECT id, repository, created_at FROM uploads WHERE id = ?", JdbcMetadataStore::uploadRow, id);
    }

    @Override
    public void deleteUpload(String id) {
        jdbc.update("DELETE FROM uploads WHERE id = ?", id);
    }

    @Override
    public List<UploadRecord> uploadsStartedBefore(Instant cutoff) {
        return jdbc.query("SELECT id, repository, created_at FROM uploads WHERE created_at < ?",
                JdbcMetadataStore::uploadRow, cutoff.toEpochMilli());
    }

    @Override
    public void close() {
        onClose.run();
    }

    private static void ensureRepository(Connection c, String repository, long now) throws SQLException {
        Jdbc.update(c, "INSERT INTO repositories (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", repository, now);
    }

    private static UploadRecord uploadRow(ResultSet rs) throws SQLException {
        return new UploadRecord(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
    }

    private static TagRecord tagRow(ResultSet rs) throws SQLException {
        return new TagRecord(rs.getString(1), rs.getString(2), Digest.parse(rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)));
    }

    private static ManifestRecord manifestRow(ResultSet rs) throws SQLException {
        String subject = rs.getString(6);
        return new ManifestRecord(rs.getString(1), Digest.parse(rs.getString(2)), rs.getString(3), rs.getLong(4),
                rs.getString(5), subject == null ? null : Digest.parse(subject), map(rs.getString(7)),
                Instant.ofEpochMilli(rs.getLong(8)));
    }

    private static String json(Map<String, String> map) {
        try {
            return map.isEmpty() ? null : JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> map(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt annotations in metadata: " + json, e);
        }
    }
}
