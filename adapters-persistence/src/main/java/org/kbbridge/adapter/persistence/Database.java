package org.kbbridge.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The connection pool, the schema (migrated on open, failing fast), and Jdbi over both. */
final class Database implements AutoCloseable {

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final Jdbi jdbi;

    private Database(DataSource dataSource, HikariDataSource ownedPool) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        migrate(dataSource);
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin()).installPlugin(new SqlObjectPlugin());
    }

    static Database open(String jdbcUrl, String user, String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("kb-bridge");
        // An unreachable database should stop start-up quickly, with the driver's reason.
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            return new Database(pool, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    static Database over(DataSource dataSource) {
        return new Database(dataSource, null);
    }

    /** Applies pending migrations; a failed or modified migration stops here (no repair). */
    private static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }

    DataSource dataSource() {
        return dataSource;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }
}
