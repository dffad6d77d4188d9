package dev.slipway.server.meta;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The metadata database: a connection pool whose schema Flyway keeps up to date, shared by every feature's store. */
public final class Database implements AutoCloseable {
    /** The SQLite file in the data directory. */
    public static final String SQLITE_FILE = "slipway.db";

    private final HikariDataSource ds;
    private final Jdbc jdbc;

    private Database(HikariDataSource ds, boolean singleWriter) {
        this.ds = ds;
        this.jdbc = new Jdbc(ds, singleWriter);
    }

    /**
     * The embedded default: one SQLite file in WAL mode with synchronous=NORMAL. Commits survive a killed
     * process; a power cut may roll back the last commits but never corrupts the file, and since blob bytes are
     * fsynced before any row names them, no row can ever point at missing bytes.
     */
    public static Database openSqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource sqlite = new SQLiteDataSource(config);
        sqlite.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(sqlite);
        pool.setPoolName("slipway-sqlite");
        pool.setMaximumPoolSize(8);
        pool.setMinimumIdle(2);
        HikariDataSource ds = new HikariDataSource(pool);
        try {
            migrate(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        // SQLite has one writer; serialising writes in the process avoids SQLITE_BUSY retries.
        return new Database(ds, true);
    }

    /** A registry metadata store on its own SQLite database, closed with the store. */
    public static MetadataStore sqlite(Path file) {
        Database db = openSqlite(file);
        return new JdbcMetadataStore(db.jdbc, db::close);
    }

    public Jdbc jdbc() {
        return jdbc;
    }

    /** The registry's store on this database (closing it leaves the database open). */
    public MetadataStore metadataStore() {
        return new JdbcMetadataStore(jdbc, () -> { });
    }

    @Override
    public void close() {
        ds.close();
    }

    static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }
}
