package org.kbbridge.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.port.out.IdempotencyRecord;
import org.kbbridge.port.out.IdempotencyRecords;
import org.kbbridge.port.out.WriteAnswer;

/** Idempotency keys in {@code idempotency_keys}; the primary key (account, key) makes the claim atomic. */
final class JdbiIdempotencyRecords implements IdempotencyRecords {

    private static final String COLUMNS = "request_hash, state, response_status, response_body, created_at, updated_at";

    private final Jdbi jdbi;

    JdbiIdempotencyRecords(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<IdempotencyRecord> claim(long accountId, String key, String fingerprint) {
        return jdbi.inTransaction(handle -> {
            int inserted = handle.createUpdate("""
                            INSERT INTO idempotency_keys (account_id, key, request_hash, state)
                            VALUES (:account, :key, :hash, 'in_progress')
                            ON CONFLICT (account_id, key) DO NOTHING
                            """)
                    .bind("account", accountId)
                    .bind("key", key)
                    .bind("hash", fingerprint)
                    .execute();
            return inserted == 1 ? Optional.<IdempotencyRecord>empty() : Optional.of(find(handle, accountId, key));
        });
    }

    @Override
    public Optional<IdempotencyRecord> find(long accountId, String key) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM idempotency_keys WHERE account_id = :account AND key = :key")
                .bind("account", accountId)
                .bind("key", key)
                .map((rs, ctx) -> record(rs))
                .findOne());
    }

    private static IdempotencyRecord find(org.jdbi.v3.core.Handle handle, long accountId, String key) {
        return handle.createQuery("SELECT " + COLUMNS
                        + " FROM idempotency_keys WHERE account_id = :account AND key = :key")
                .bind("account", accountId)
                .bind("key", key)
                .map((rs, ctx) -> record(rs))
                .one();
    }

    @Override
    public boolean takeOver(long accountId, String key, Duration lease) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys SET state = 'in_progress', updated_at = now()
                        WHERE account_id = :account AND key = :key
                          AND (state = 'unknown'
                               OR (state = 'in_progress' AND updated_at < now() - make_interval(secs => :lease)))
                        """)
                .bind("account", accountId)
                .bind("key", key)
                .bind("lease", lease.toMillis() / 1000.0)
                .execute()) == 1;
    }

    @Override
    public void complete(long accountId, String key, WriteAnswer answer) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys
                        SET state = 'completed', response_status = :status, response_body = :body, updated_at = now()
                        WHERE account_id = :account AND key = :key
                        """)
                .bind("account", accountId)
                .bind("key", key)
                .bind("status", answer.status())
                .bind("body", answer.body())
                .execute());
    }

    @Override
    public void markUnknown(long accountId, String key) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE idempotency_keys SET state = 'unknown', updated_at = now()
                        WHERE account_id = :account AND key = :key AND state = 'in_progress'
                        """)
                .bind("account", accountId)
                .bind("key", key)
                .execute());
    }

    @Override
    public void release(long accountId, String key) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "DELETE FROM idempotency_keys WHERE account_id = :account AND key = :key AND state <> 'completed'")
                .bind("account", accountId)
                .bind("key", key)
                .execute());
    }

    private static IdempotencyRecord record(ResultSet rs) throws SQLException {
        IdempotencyRecord.State state = IdempotencyRecord.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT));
        Integer status = rs.getObject("response_status", Integer.class);
        String body = rs.getString("response_body");
        return new IdempotencyRecord(rs.getString("request_hash"), state,
                state == IdempotencyRecord.State.COMPLETED && status != null
                        ? new WriteAnswer(status, body == null ? "" : body) : null,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
