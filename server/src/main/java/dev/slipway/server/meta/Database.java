package dev.slipway.server.meta;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the metadata database and brings its schema up to date with Flyway. */
public final class Database {
    private Database() {
    }

    /** The embedded default: one SQLite file in WAL mode, fsynced on commit. */
    public static MetadataStore sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
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
        migrate(ds);
        // SQLite has one writer; serialising writes in the process avoids SQLITE_BUSY retries.
        return new JdbcMetadataStore(ds, true, ds::close);
    }

    static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }
}
