package org.kbbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MigrationsIT {

    static StoreFixture fx;

    @BeforeAll
    static void migrate_an_empty_database() {
        fx = new StoreFixture();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void migrations_from_empty_create_every_table_including_quartz() {
        List<String> tables = fx.jdbi().withHandle(h -> h.createQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
                .mapTo(String.class).list());
        assertThat(tables).contains("integrated_accounts", "collections", "pages", "page_contents", "comments", "tags",
                "page_tags", "sync_runs", "sync_checkpoints", "sync_seen", "change_log", "api_tokens",
                "idempotency_keys", "webhook_events_received", "webhook_subscriptions", "webhook_deliveries",
                "qrtz_job_details", "qrtz_triggers", "qrtz_cron_triggers", "qrtz_fired_triggers", "qrtz_locks",
                "qrtz_scheduler_state", "flyway_schema_history");
        List<Boolean> applied = fx.jdbi().withHandle(h -> h.createQuery(
                "SELECT success FROM flyway_schema_history WHERE version IS NOT NULL").mapTo(Boolean.class).list());
        assertThat(applied).hasSizeGreaterThanOrEqualTo(2).containsOnly(true);
    }

    @Test
    void opening_an_already_migrated_database_again_changes_nothing() {
        int before = fx.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM flyway_schema_history")
                .mapTo(Integer.class).one());
        try (PostgresStore again = PostgresStore.open(fx.db.jdbcUrl(), fx.db.user(), fx.db.password(), fx.masterKey, 2)) {
            assertThat(again.isHealthy()).isTrue();
        }
        int after = fx.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM flyway_schema_history")
                .mapTo(Integer.class).one());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void the_search_and_paging_indexes_exist() {
        List<String> indexes = fx.jdbi().withHandle(h -> h.createQuery(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'").mapTo(String.class).list());
        assertThat(indexes).contains("pages_search", "page_contents_search", "pages_collection", "page_tags_tag",
                "comments_page", "page_contents_page", "sync_runs_one_active", "change_log_account");
    }
}
