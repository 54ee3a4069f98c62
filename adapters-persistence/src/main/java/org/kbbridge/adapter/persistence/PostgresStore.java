package org.kbbridge.adapter.persistence;

import javax.sql.DataSource;
import org.kbbridge.port.out.ApiTokens;
import org.kbbridge.port.out.ChangeLog;
import org.kbbridge.port.out.IdempotencyRecords;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.KnowledgeWriter;
import org.kbbridge.port.out.ReceivedForumEvents;
import org.kbbridge.port.out.SyncCheckpoints;
import org.kbbridge.port.out.SyncRuns;
import org.kbbridge.port.out.WebhookSubscriptions;

/**
 * The PostgreSQL store: opening it migrates the schema (a failed migration stops here), then hands out the
 * out-port implementations. Close it to close the connection pool it opened.
 */
public final class PostgresStore implements AutoCloseable {

    private static final int DEFAULT_POOL_SIZE = 10;

    private final Database database;
    private final JdbiKnowledgeReader reader;
    private final JdbiKnowledgeWriter writer;
    private final JdbiSyncCheckpoints checkpoints;
    private final JdbiChangeLog changeLog;
    private final JdbiIntegratedAccounts accounts;
    private final JdbiSyncRuns syncRuns;
    private final JdbiApiTokens apiTokens;
    private final JdbiIdempotencyRecords idempotencyRecords;
    private final JdbiReceivedForumEvents receivedForumEvents;
    private final JdbiWebhookSubscriptions webhookSubscriptions;

    private PostgresStore(Database database, byte[] masterKey) {
        SecretSealer sealer = new SecretSealer(masterKey);
        this.database = database;
        var jdbi = database.jdbi();
        this.reader = new JdbiKnowledgeReader(jdbi);
        this.writer = new JdbiKnowledgeWriter(jdbi);
        this.checkpoints = new JdbiSyncCheckpoints(jdbi);
        this.changeLog = new JdbiChangeLog(jdbi);
        this.accounts = new JdbiIntegratedAccounts(jdbi, sealer);
        this.syncRuns = new JdbiSyncRuns(jdbi);
        this.apiTokens = new JdbiApiTokens(jdbi);
        this.idempotencyRecords = new JdbiIdempotencyRecords(jdbi);
        this.receivedForumEvents = new JdbiReceivedForumEvents(jdbi, writer);
        this.webhookSubscriptions = new JdbiWebhookSubscriptions(jdbi, sealer);
    }

    /**
     * Opens a pool on the database, migrates it and returns the store.
     *
     * @param masterKey 32 bytes (KB_MASTER_KEY, base64-decoded) that seal the Discourse credentials
     */
    public static PostgresStore open(String jdbcUrl, String user, String password, byte[] masterKey) {
        return open(jdbcUrl, user, password, masterKey, DEFAULT_POOL_SIZE);
    }

    public static PostgresStore open(String jdbcUrl, String user, String password, byte[] masterKey,
            int maxPoolSize) {
        new SecretSealer(masterKey); // a bad key fails before any connection is made
        Database database = Database.open(jdbcUrl, user, password, maxPoolSize);
        try {
            return new PostgresStore(database, masterKey);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Migrates and uses a DataSource the caller owns (and closes). */
    public static PostgresStore over(DataSource dataSource, byte[] masterKey) {
        new SecretSealer(masterKey);
        return new PostgresStore(Database.over(dataSource), masterKey);
    }

    /** The pool, for Quartz's JDBC job store and the health check. */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /** True when the database answers a trivial query. */
    public boolean isHealthy() {
        try {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public KnowledgeReader knowledgeReader() {
        return reader;
    }

    public KnowledgeWriter knowledgeWriter() {
        return writer;
    }

    public SyncCheckpoints syncCheckpoints() {
        return checkpoints;
    }

    public ChangeLog changeLog() {
        return changeLog;
    }

    public IntegratedAccounts integratedAccounts() {
        return accounts;
    }

    public SyncRuns syncRuns() {
        return syncRuns;
    }

    public ApiTokens apiTokens() {
        return apiTokens;
    }

    public IdempotencyRecords idempotencyRecords() {
        return idempotencyRecords;
    }

    public ReceivedForumEvents receivedForumEvents() {
        return receivedForumEvents;
    }

    public WebhookSubscriptions webhookSubscriptions() {
        return webhookSubscriptions;
    }

    org.jdbi.v3.core.Jdbi jdbi() {
        return database.jdbi();
    }

    @Override
    public void close() {
        database.close();
    }
}
