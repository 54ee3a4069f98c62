package org.kbbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.account.AccountStatus;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.account.TokenAccess;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.sync.Checkpoint;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.NewIntegratedAccount;
import org.kbbridge.port.out.SyncBatch;

class IntegratedAccountsIT {

    static final String API_KEY = "d5c6f3e0a1b2API-KEY-in-clear-9f8e7d6c5b4a";
    static final String WEBHOOK_SECRET = "whsec-never-stored-in-clear-42";

    static StoreFixture fx;
    static IntegratedAccounts accounts;

    @BeforeAll
    static void open() {
        fx = new StoreFixture();
        accounts = fx.store.integratedAccounts();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void credentials_round_trip_and_the_account_shows_no_secret() {
        IntegratedAccount account = accounts.create(
                new NewIntegratedAccount("Forum", "https://forum.example", "system", KeyKind.USER, 20,
                        new SyncSettings("0 0 3 * * ?", List.of(5L, 6L), List.of("faq"), true)),
                new DiscourseCredentials(KeyKind.USER, API_KEY, "system", WEBHOOK_SECRET));

        assertThat(account.hasWebhookSecret()).isTrue();
        assertThat(account.sync()).isEqualTo(new SyncSettings("0 0 3 * * ?", List.of(5L, 6L), List.of("faq"), true));
        assertThat(account.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(accounts.credentials(account.id())).contains(
                new DiscourseCredentials(KeyKind.USER, API_KEY, "system", WEBHOOK_SECRET));
        assertThat(accounts.all()).extracting(IntegratedAccount::id).contains(account.id());
    }

    @Test
    void the_api_key_and_webhook_secret_never_appear_in_clear_in_any_table() {
        long id = fx.newAccount("scanned", API_KEY);
        accounts.update(accounts.find(id).orElseThrow(),
                new DiscourseCredentials(KeyKind.GLOBAL, API_KEY, "system", WEBHOOK_SECRET));
        fx.store.knowledgeWriter().write(id, new SyncBatch(null, List.of(StoreFixture.page(1, 1, "t")), List.of(),
                new Checkpoint(id, "topics", "1", null)));
        fx.store.syncRuns().enqueue(id, SyncMode.FULL);
        fx.store.apiTokens().save("hash", new Principal(false, Set.of(id), TokenAccess.READ));

        List<String> hits = new ArrayList<>();
        List<Map<String, Object>> columns = fx.jdbi().withHandle(h -> h.createQuery("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = 'public'
                  AND data_type IN ('text', 'character varying', 'bytea', 'jsonb', 'json', 'ARRAY', 'character')
                """).mapToMap().list());
        assertThat(columns).hasSizeGreaterThan(40);
        for (String secret : List.of(API_KEY, WEBHOOK_SECRET)) {
            String hex = HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8));
            for (Map<String, Object> column : columns) {
                String table = (String) column.get("table_name");
                String name = (String) column.get("column_name");
                String asBytes = "bytea".equals(column.get("data_type"))
                        ? "\"" + name + "\"" : "convert_to(\"" + name + "\"::text, 'UTF8')";
                int found = fx.jdbi().withHandle(h -> h.createQuery(
                                "SELECT count(*) FROM \"" + table + "\" WHERE position(decode(:hex, 'hex') IN " + asBytes + ") > 0")
                        .bind("hex", hex).mapTo(Integer.class).one());
                if (found > 0) {
                    hits.add(table + "." + name);
                }
            }
        }
        assertThat(hits).isEmpty();
        assertThat(accounts.credentials(id).orElseThrow().apiKey()).isEqualTo(API_KEY);
    }

    @Test
    void a_sealed_key_copied_to_another_account_does_not_open() {
        long a = fx.newAccount("a", "key-of-a");
        long b = fx.newAccount("b", "key-of-b");
        fx.jdbi().useHandle(h -> h.createUpdate("""
                UPDATE integrated_accounts SET (api_key_sealed, api_key_nonce) =
                    (SELECT api_key_sealed, api_key_nonce FROM integrated_accounts WHERE id = :a)
                WHERE id = :b""").bind("a", a).bind("b", b).execute());

        assertThatThrownBy(() -> accounts.credentials(b)).hasMessageContaining("does not open");
        assertThat(accounts.credentials(a).orElseThrow().apiKey()).isEqualTo("key-of-a");
    }

    @Test
    void update_replaces_settings_and_keeps_credentials_when_none_are_given() {
        long id = fx.newAccount("updatable", "the-key");
        IntegratedAccount before = accounts.find(id).orElseThrow();
        IntegratedAccount changed = new IntegratedAccount(id, "Renamed", before.baseUrl(), "bot", KeyKind.GLOBAL, 30,
                false, new SyncSettings(null, List.of(9L), List.of(), false), AccountStatus.ACTIVE, null, null);

        IntegratedAccount after = accounts.update(changed, null);
        accounts.setStatus(id, AccountStatus.CREDENTIALS_INVALID);

        assertThat(after.name()).isEqualTo("Renamed");
        assertThat(after.rateLimitPerMinute()).isEqualTo(30);
        assertThat(after.sync().categories()).containsExactly(9L);
        assertThat(accounts.credentials(id).orElseThrow().apiKey()).isEqualTo("the-key");
        assertThat(accounts.find(id).orElseThrow().status()).isEqualTo(AccountStatus.CREDENTIALS_INVALID);
    }

    @Test
    void deleting_an_account_removes_everything_synced_for_it() {
        long id = fx.newAccount("doomed");
        fx.store.knowledgeWriter().write(id, new SyncBatch(null, List.of(StoreFixture.page(1, 1, "t", "x"),
                StoreFixture.tag("x")), List.of(), new Checkpoint(id, "topics", "1", null)));
        fx.store.syncRuns().enqueue(id, SyncMode.FULL);

        assertThat(accounts.delete(id)).isTrue();
        assertThat(accounts.delete(id)).isFalse();

        assertThat(accounts.find(id)).isEmpty();
        assertThat(fx.store.knowledgeReader().liveIds(id, ResourceType.PAGE)).isEmpty();
        assertThat(fx.store.changeLog().after(id, 0, 10)).isEmpty();
        assertThat(fx.store.syncRuns().list(id, 10)).isEmpty();
        int tagLinks = fx.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM page_tags WHERE account_id = :a")
                .bind("a", id).mapTo(Integer.class).one());
        assertThat(tagLinks).isZero();
    }

    @Test
    void api_tokens_are_found_by_hash_with_their_scope() {
        fx.store.apiTokens().save("abc123", new Principal(false, Set.of(1L, 2L), TokenAccess.READ_WRITE));

        assertThat(fx.store.apiTokens().findByHash("abc123"))
                .contains(new Principal(false, Set.of(1L, 2L), TokenAccess.READ_WRITE));
        assertThat(fx.store.apiTokens().findByHash("unknown")).isEmpty();
    }
}
