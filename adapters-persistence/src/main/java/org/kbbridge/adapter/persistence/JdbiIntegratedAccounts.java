package org.kbbridge.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.kbbridge.domain.account.AccountStatus;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.NewIntegratedAccount;

/** Secrets are sealed before they reach SQL; each one's associated data names its account and purpose. */
final class JdbiIntegratedAccounts implements IntegratedAccounts {

    private static final String COLUMNS = """
            id, name, base_url, api_username, key_kind, rate_limit_per_minute, webhook_secret_sealed IS NOT NULL
            AS has_webhook_secret, sync_schedule, sync_categories, sync_tags, sync_include_private, status, created_at,
            updated_at""";

    private final Jdbi jdbi;
    private final SecretSealer sealer;

    JdbiIntegratedAccounts(Jdbi jdbi, SecretSealer sealer) {
        this.jdbi = jdbi;
        this.sealer = sealer;
    }

    @Override
    public IntegratedAccount create(NewIntegratedAccount account, DiscourseCredentials credentials) {
        return jdbi.inTransaction(handle -> {
            // The id is part of the sealed secrets' associated data, so it is drawn before the insert.
            long id = handle.createQuery("SELECT nextval('integrated_accounts_id_seq')").mapTo(Long.class).one();
            var insert = handle.createUpdate("""
                            INSERT INTO integrated_accounts (id, name, base_url, api_username, key_kind,
                                rate_limit_per_minute, api_key_sealed, api_key_nonce, webhook_secret_sealed,
                                webhook_secret_nonce, sync_schedule, sync_categories, sync_tags, sync_include_private)
                            VALUES (:id, :name, :baseUrl, :apiUsername, :keyKind, :rateLimit, :apiKey, :apiKeyNonce,
                                :webhookSecret, :webhookSecretNonce, :schedule, :categories, :tags, :includePrivate)
                            """)
                    .bind("id", id)
                    .bind("name", account.name())
                    .bind("baseUrl", account.baseUrl())
                    .bind("apiUsername", account.apiUsername())
                    .bind("keyKind", account.keyKind().wire())
                    .bind("rateLimit", account.rateLimitPerMinute());
            bindSync(insert, account.sync());
            bindSecrets(insert, id, credentials);
            insert.execute();
            return find(handle, id).orElseThrow();
        });
    }

    @Override
    public Optional<IntegratedAccount> find(long id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    @Override
    public List<IntegratedAccount> all() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM integrated_accounts ORDER BY id")
                .map((rs, ctx) -> account(rs))
                .list());
    }

    @Override
    public IntegratedAccount update(IntegratedAccount account, DiscourseCredentials credentials) {
        return jdbi.inTransaction(handle -> {
            var update = handle.createUpdate("""
                            UPDATE integrated_accounts SET name = :name, base_url = :baseUrl, api_username = :apiUsername,
                                key_kind = :keyKind, rate_limit_per_minute = :rateLimit, status = :status,
                                sync_schedule = :schedule, sync_categories = :categories, sync_tags = :tags,
                                sync_include_private = :includePrivate, updated_at = now()
                                <secrets>
                            WHERE id = :id
                            """)
                    .define("secrets", credentials == null ? "" : """
                            , api_key_sealed = :apiKey, api_key_nonce = :apiKeyNonce,
                            webhook_secret_sealed = :webhookSecret, webhook_secret_nonce = :webhookSecretNonce""")
                    .bind("id", account.id())
                    .bind("name", account.name())
                    .bind("baseUrl", account.baseUrl())
                    .bind("apiUsername", account.apiUsername())
                    .bind("keyKind", account.keyKind().wire())
                    .bind("rateLimit", account.rateLimitPerMinute())
                    .bind("status", account.status().wire());
            bindSync(update, account.sync());
            if (credentials != null) {
                bindSecrets(update, account.id(), credentials);
            }
            if (update.execute() == 0) {
                throw new IllegalArgumentException("no integrated account " + account.id());
            }
            return find(handle, account.id()).orElseThrow();
        });
    }

    @Override
    public void setStatus(long id, AccountStatus status) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE integrated_accounts SET status = :status, updated_at = now() WHERE id = :id")
                .bind("id", id)
                .bind("status", status.wire())
                .execute());
    }

    @Override
    public boolean delete(long id) {
        // Every table of synced data references the account ON DELETE CASCADE.
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM integrated_accounts WHERE id = :id")
                .bind("id", id)
                .execute()) > 0;
    }

    @Override
    public Optional<DiscourseCredentials> credentials(long id) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT key_kind, api_username, api_key_sealed, api_key_nonce, webhook_secret_sealed,
                               webhook_secret_nonce
                        FROM integrated_accounts WHERE id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> {
                    String apiKey = sealer.open(
                            new SecretSealer.Sealed(rs.getBytes("api_key_sealed"), rs.getBytes("api_key_nonce")),
                            purpose(id, "api_key"));
                    byte[] webhook = rs.getBytes("webhook_secret_sealed");
                    String webhookSecret = webhook == null ? null : sealer.open(
                            new SecretSealer.Sealed(webhook, rs.getBytes("webhook_secret_nonce")),
                            purpose(id, "webhook_secret"));
                    return new DiscourseCredentials(KeyKind.valueOf(rs.getString("key_kind").toUpperCase(Locale.ROOT)),
                            apiKey, rs.getString("api_username"), webhookSecret);
                })
                .findOne());
    }

    private void bindSecrets(SqlStatement<?> statement, long id, DiscourseCredentials credentials) {
        if (credentials == null || credentials.apiKey() == null) {
            throw new IllegalArgumentException("an integrated account needs an API key");
        }
        SecretSealer.Sealed apiKey = sealer.seal(credentials.apiKey(), purpose(id, "api_key"));
        statement.bind("apiKey", apiKey.ciphertext()).bind("apiKeyNonce", apiKey.nonce());
        if (credentials.webhookSecret() == null) {
            statement.bindNull("webhookSecret", java.sql.Types.BINARY).bindNull("webhookSecretNonce", java.sql.Types.BINARY);
        } else {
            SecretSealer.Sealed secret = sealer.seal(credentials.webhookSecret(), purpose(id, "webhook_secret"));
            statement.bind("webhookSecret", secret.ciphertext()).bind("webhookSecretNonce", secret.nonce());
        }
    }

    private static void bindSync(SqlStatement<?> statement, SyncSettings sync) {
        SyncSettings settings = sync == null ? SyncSettings.defaults() : sync;
        statement.bind("schedule", settings.schedule())
                .bindArray("categories", Long.class, settings.categories())
                .bindArray("tags", String.class, settings.tags())
                .bind("includePrivate", settings.includePrivate());
    }

    private static String purpose(long id, String what) {
        return "integrated_accounts/" + id + "/" + what;
    }

    private static Optional<IntegratedAccount> find(Handle handle, long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM integrated_accounts WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> account(rs))
                .findOne();
    }

    private static IntegratedAccount account(ResultSet rs) throws SQLException {
        return new IntegratedAccount(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("base_url"),
                rs.getString("api_username"),
                KeyKind.valueOf(rs.getString("key_kind").toUpperCase(Locale.ROOT)),
                rs.getInt("rate_limit_per_minute"),
                rs.getBoolean("has_webhook_secret"),
                new SyncSettings(rs.getString("sync_schedule"),
                        Arrays.asList((Long[]) rs.getArray("sync_categories").getArray()),
                        Arrays.asList((String[]) rs.getArray("sync_tags").getArray()),
                        rs.getBoolean("sync_include_private")),
                AccountStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", java.time.OffsetDateTime.class).toInstant());
    }
}
