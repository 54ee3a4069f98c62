package org.kbbridge.adapter.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.port.out.WebhookSubscriptions;

/** webhook_subscriptions (secret sealed, bound to the subscription's id) and their per-account cursors. */
final class JdbiWebhookSubscriptions implements WebhookSubscriptions {

    private static final String COLUMNS = "id, url, account_ids, created_at";

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    JdbiWebhookSubscriptions(Jdbi jdbi, SecretSealer sealer) {
        this.jdbi = jdbi;
        this.sealer = sealer;
    }

    @Override
    public Subscription create(String url, String secret, List<Long> accountIds) {
        return jdbi.inTransaction(handle -> {
            long id = handle.createQuery("SELECT nextval('webhook_subscriptions_id_seq')").mapTo(Long.class).one();
            SecretSealer.Sealed sealed = sealer.seal(secret, purpose(id));
            var insert = handle.createUpdate("""
                            INSERT INTO webhook_subscriptions (id, url, account_ids, secret_sealed, secret_nonce,
                                start_seq)
                            VALUES (:id, :url, :accounts, :secret, :nonce,
                                (SELECT coalesce(max(seq), 0) FROM change_log))
                            """)
                    .bind("id", id)
                    .bind("url", url)
                    .bind("secret", sealed.ciphertext())
                    .bind("nonce", sealed.nonce());
            if (accountIds == null) {
                insert.bindNull("accounts", Types.ARRAY);
            } else {
                insert.bindArray("accounts", Long.class, List.copyOf(accountIds));
            }
            insert.execute();
            return handle.createQuery("SELECT " + COLUMNS + " FROM webhook_subscriptions WHERE id = :id")
                    .bind("id", id).map((rs, ctx) -> subscription(rs)).one();
        });
    }

    @Override
    public List<Subscription> all() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM webhook_subscriptions WHERE active ORDER BY id")
                .map((rs, ctx) -> subscription(rs)).list());
    }

    @Override
    public Optional<Subscription> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS
                        + " FROM webhook_subscriptions WHERE active AND id = :id")
                .bind("id", id).map((rs, ctx) -> subscription(rs)).findOne());
    }

    @Override
    public boolean delete(long id) {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM webhook_subscriptions WHERE id = :id")
                .bind("id", id).execute() > 0);
    }

    @Override
    public List<Stream> claimDue(Duration lease, int limit) {
        return jdbi.inTransaction(handle -> {
            // an account added after the subscription starts at start_seq too: all its entries are newer
            handle.createUpdate("""
                    INSERT INTO webhook_subscription_cursors (subscription_id, account_id, last_delivered_seq)
                    SELECT s.id, a.id, s.start_seq
                    FROM webhook_subscriptions s
                    JOIN integrated_accounts a ON s.account_ids IS NULL OR a.id = ANY (s.account_ids)
                    WHERE s.active
                    ON CONFLICT DO NOTHING
                    """).execute();
            return handle.createQuery("""
                            UPDATE webhook_subscription_cursors c
                            SET leased_until = now() + make_interval(secs => :lease)
                            FROM webhook_subscriptions s
                            WHERE c.subscription_id = s.id AND s.active
                              AND (c.subscription_id, c.account_id) IN (
                                  SELECT d.subscription_id, d.account_id FROM webhook_subscription_cursors d
                                  WHERE d.next_attempt_at <= now()
                                    AND (d.leased_until IS NULL OR d.leased_until < now())
                                    AND EXISTS (SELECT 1 FROM change_log l WHERE l.account_id = d.account_id
                                                AND l.seq > d.last_delivered_seq)
                                  ORDER BY d.next_attempt_at
                                  LIMIT :limit
                                  FOR UPDATE SKIP LOCKED)
                            RETURNING c.subscription_id, c.account_id, c.last_delivered_seq, c.attempts, s.url,
                                s.secret_sealed, s.secret_nonce
                            """)
                    .bind("lease", (double) lease.toMillis() / 1000)
                    .bind("limit", limit)
                    .map((rs, ctx) -> new Stream(rs.getLong("subscription_id"), rs.getLong("account_id"),
                            rs.getString("url"), sealer.open(new SecretSealer.Sealed(rs.getBytes("secret_sealed"),
                                    rs.getBytes("secret_nonce")), purpose(rs.getLong("subscription_id"))),
                            rs.getLong("last_delivered_seq"), rs.getInt("attempts")))
                    .list();
        });
    }

    @Override
    public void delivered(Stream stream, long seq) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE webhook_subscription_cursors
                        SET last_delivered_seq = greatest(last_delivered_seq, :seq), attempts = 0,
                            next_attempt_at = now(), leased_until = NULL, last_error = NULL
                        WHERE subscription_id = :subscription AND account_id = :account
                        """)
                .bind("seq", seq)
                .bind("subscription", stream.subscriptionId())
                .bind("account", stream.accountId())
                .execute());
    }

    @Override
    public void failed(Stream stream, Duration retryAfter, String error) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE webhook_subscription_cursors
                        SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => :after),
                            leased_until = NULL, last_error = :error
                        WHERE subscription_id = :subscription AND account_id = :account
                        """)
                .bind("after", (double) retryAfter.toMillis() / 1000)
                .bind("error", error)
                .bind("subscription", stream.subscriptionId())
                .bind("account", stream.accountId())
                .execute());
    }

    private static Subscription subscription(ResultSet rs) throws SQLException {
        Array ids = rs.getArray("account_ids");
        return new Subscription(rs.getLong("id"), rs.getString("url"),
                ids == null ? null : Arrays.asList((Long[]) ids.getArray()),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static String purpose(long id) {
        return "webhook_subscription:" + id + ":secret";
    }
}
