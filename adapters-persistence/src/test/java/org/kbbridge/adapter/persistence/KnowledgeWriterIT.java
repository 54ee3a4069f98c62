package org.kbbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kbbridge.adapter.persistence.StoreFixture.comment;
import static org.kbbridge.adapter.persistence.StoreFixture.content;
import static org.kbbridge.adapter.persistence.StoreFixture.page;
import static org.kbbridge.adapter.persistence.StoreFixture.tag;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.model.Page;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.model.Tag;
import org.kbbridge.domain.sync.ChangeEvent;
import org.kbbridge.domain.sync.ChangeOp;
import org.kbbridge.domain.sync.Checkpoint;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.port.out.BatchResult;
import org.kbbridge.port.out.ItemRef;
import org.kbbridge.port.out.KnowledgeWriter;
import org.kbbridge.port.out.SyncBatch;

class KnowledgeWriterIT {

    static StoreFixture fx;
    static KnowledgeWriter writer;
    long account;

    @BeforeAll
    static void open() {
        fx = new StoreFixture();
        writer = fx.store.knowledgeWriter();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @BeforeEach
    void freshAccount() {
        account = fx.newAccount("forum-" + System.nanoTime());
    }

    @Test
    void upserting_the_same_page_twice_keeps_one_row_and_one_change_event() {
        BatchResult first = writer.write(account, batch(page(1, 10, "Hello")));
        BatchResult second = writer.write(account, batch(page(1, 10, "Hello")));

        assertThat(first.totals()).isEqualTo(new BatchResult(1, 0, 0, 0));
        assertThat(second.totals()).isEqualTo(new BatchResult(0, 0, 1, 0));
        assertThat(count("SELECT count(*) FROM pages WHERE account_id = " + account)).isEqualTo(1);
        assertThat(events()).extracting(ChangeEvent::id, ChangeEvent::op).containsExactly(
                org.assertj.core.groups.Tuple.tuple("1", ChangeOp.UPSERT));
    }

    @Test
    void an_unchanged_item_is_not_rewritten_at_all() {
        writer.write(account, batch(page(1, 10, "Hello", "faq"), content(100, 1, "body"), comment(101, 1, 2, null, false),
                tag("faq")));
        String before = rowVersions();
        long seqBefore = lastSeq();

        BatchResult again = writer.write(account, batch(page(1, 10, "Hello", "faq"), content(100, 1, "body"),
                comment(101, 1, 2, null, false), tag("faq")));

        assertThat(again.totals()).isEqualTo(new BatchResult(0, 0, 4, 0));
        assertThat(again.byResource()).as("counted per resource").hasSize(4)
                .containsEntry(ResourceType.COMMENT, new BatchResult(0, 0, 1, 0));
        assertThat(rowVersions()).isEqualTo(before);
        assertThat(lastSeq()).isEqualTo(seqBefore);
    }

    @Test
    void a_changed_item_is_updated_with_one_upsert_event() {
        writer.write(account, batch(page(1, 10, "Hello", "a")));
        BatchResult result = writer.write(account, batch(page(1, 10, "Hello again", "b")));

        assertThat(result.totals()).isEqualTo(new BatchResult(0, 1, 0, 0));
        Page stored = (Page) fx.store.knowledgeReader().find(account, ResourceType.PAGE, "1").orElseThrow().item();
        assertThat(stored.title()).isEqualTo("Hello again");
        assertThat(stored.tags()).containsExactly("b");
        assertThat(events()).hasSize(2).allMatch(e -> e.op() == ChangeOp.UPSERT);
    }

    @Test
    void an_explicit_deletion_tombstones_the_item_once() {
        writer.write(account, batch(page(1, 10, "Hello"), comment(5, 1, 2, null, false)));
        BatchResult deleted = writer.write(account, new SyncBatch(null, List.of(),
                List.of(new ItemRef(ResourceType.COMMENT, "5"), new ItemRef(ResourceType.COMMENT, "999")), null));
        BatchResult again = writer.write(account, new SyncBatch(null, List.of(),
                List.of(new ItemRef(ResourceType.COMMENT, "5")), null));

        assertThat(deleted.deleted()).isEqualTo(1);
        assertThat(again.deleted()).isZero();
        var view = fx.store.knowledgeReader().find(account, ResourceType.COMMENT, "5").orElseThrow();
        assertThat(view.deleted()).isTrue();
        assertThat(fx.store.knowledgeReader().liveCommentIds(account, "1")).isEmpty();
        assertThat(events()).extracting(ChangeEvent::op).containsExactly(ChangeOp.UPSERT, ChangeOp.UPSERT, ChangeOp.DELETE);
    }

    @Test
    void upserting_a_tombstoned_item_revives_it_even_with_the_same_content() {
        writer.write(account, batch(tag("faq")));
        writer.write(account, new SyncBatch(null, List.of(), List.of(new ItemRef(ResourceType.TAG, "faq")), null));

        BatchResult revived = writer.write(account, batch(tag("faq")));

        assertThat(revived.totals()).isEqualTo(new BatchResult(0, 1, 0, 0));
        assertThat(fx.store.knowledgeReader().find(account, ResourceType.TAG, "faq").orElseThrow().deleted()).isFalse();
        assertThat(events()).extracting(ChangeEvent::op).containsExactly(ChangeOp.UPSERT, ChangeOp.DELETE, ChangeOp.UPSERT);
    }

    @Test
    void a_full_run_tombstones_exactly_what_it_did_not_see() {
        writer.write(account, batch(page(1, 10, "one"), page(2, 10, "two"), page(3, 10, "three"), tag("a"), tag("b")));
        long run = fx.store.syncRuns().enqueue(account, SyncMode.FULL).orElseThrow().id();
        String untouched = version("pages", "1");

        writer.write(account, new SyncBatch(run, List.of(page(1, 10, "one"), tag("a")), List.of(), null));
        writer.write(account, new SyncBatch(run, List.of(page(3, 10, "three, edited")), List.of(), null));
        BatchResult swept = writer.tombstoneUnseen(account, run, Set.of(ResourceType.PAGE, ResourceType.TAG));

        assertThat(swept.deleted()).isEqualTo(2);
        assertThat(fx.store.knowledgeReader().liveIds(account, ResourceType.PAGE)).containsExactlyInAnyOrder("1", "3");
        assertThat(fx.store.knowledgeReader().liveIds(account, ResourceType.TAG)).containsExactly("a");
        assertThat(version("pages", "1")).isEqualTo(untouched);
        assertThat(count("SELECT count(*) FROM sync_seen WHERE run_id = " + run)).isZero();
        assertThat(events().stream().filter(e -> e.op() == ChangeOp.DELETE).map(ChangeEvent::id))
                .containsExactlyInAnyOrder("2", "b");
    }

    @Test
    void content_and_comments_of_a_page_that_is_gone_are_tombstoned_as_orphans() {
        writer.write(account, batch(page(1, 10, "kept"), content(100, 1, "body"), comment(101, 1, 2, null, false),
                page(2, 10, "gone"), content(200, 2, "body"), comment(201, 2, 2, null, false)));
        writer.write(account, new SyncBatch(null, List.of(), List.of(new ItemRef(ResourceType.PAGE, "2")), null));

        BatchResult swept = writer.tombstoneOrphans(account);
        BatchResult again = writer.tombstoneOrphans(account);

        assertThat(swept.deleted()).isEqualTo(2);
        assertThat(again.deleted()).isZero();
        assertThat(fx.store.knowledgeReader().liveIds(account, ResourceType.PAGE_CONTENT)).containsExactly("100");
        assertThat(fx.store.knowledgeReader().liveIds(account, ResourceType.COMMENT)).containsExactly("101");
        assertThat(events().stream().filter(e -> e.op() == ChangeOp.DELETE).map(ChangeEvent::id))
                .containsExactlyInAnyOrder("2", "200", "201");
    }

    @Test
    void a_batch_whose_transaction_fails_leaves_neither_rows_nor_checkpoint_nor_events() {
        Tag broken = new Tag(null, "a tag without a name violates NOT NULL", null, null);
        SyncBatch batch = new SyncBatch(null, List.of(page(1, 10, "one"), page(2, 10, "two"), broken, tag("ok")),
                List.of(), new Checkpoint(account, "topics", "page-7", null));

        assertThatThrownBy(() -> writer.write(account, batch)).isInstanceOf(RuntimeException.class);

        assertThat(count("SELECT count(*) FROM pages WHERE account_id = " + account)).isZero();
        assertThat(count("SELECT count(*) FROM tags WHERE account_id = " + account)).isZero();
        assertThat(events()).isEmpty();
        assertThat(fx.store.syncCheckpoints().find(account, "topics")).isEmpty();
    }

    @Test
    void a_batch_commits_its_checkpoint_with_its_rows() {
        writer.write(account, new SyncBatch(null, List.of(page(1, 10, "one")), List.of(),
                new Checkpoint(account, "topics", "page-1", null)));
        writer.write(account, new SyncBatch(null, List.of(), List.of(),
                new Checkpoint(account, "topics", "page-2", null)));

        assertThat(fx.store.syncCheckpoints().find(account, "topics").orElseThrow().position()).isEqualTo("page-2");
        fx.store.syncCheckpoints().clear(account, "topics");
        assertThat(fx.store.syncCheckpoints().find(account, "topics")).isEmpty();
    }

    @Test
    void purge_removes_the_accounts_items_feed_and_checkpoints_but_not_other_accounts() {
        long other = fx.newAccount("other-" + System.nanoTime());
        writer.write(other, batch(page(1, 10, "theirs")));
        writer.write(account, new SyncBatch(null, List.of(page(1, 10, "mine"), tag("x")), List.of(),
                new Checkpoint(account, "topics", "p", null)));

        writer.purge(account);

        assertThat(count("SELECT count(*) FROM pages WHERE account_id = " + account)).isZero();
        assertThat(events()).isEmpty();
        assertThat(fx.store.syncCheckpoints().find(account, "topics")).isEmpty();
        assertThat(fx.store.knowledgeReader().liveIds(other, ResourceType.PAGE)).containsExactly("1");
    }

    private SyncBatch batch(org.kbbridge.domain.model.KnowledgeItem... items) {
        return new SyncBatch(null, List.of(items), List.of(), null);
    }

    private List<ChangeEvent> events() {
        return fx.store.changeLog().after(account, 0, 1000);
    }

    private long lastSeq() {
        return fx.jdbi().withHandle(h -> h.createQuery("SELECT coalesce(max(seq), 0) FROM change_log")
                .mapTo(Long.class).one());
    }

    private int count(String sql) {
        return fx.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    private String version(String table, String id) {
        return fx.jdbi().withHandle(h -> h.createQuery(
                        "SELECT xmin::text || '/' || ctid::text FROM " + table + " WHERE account_id = :a AND id = :id")
                .bind("a", account).bind("id", Long.parseLong(id)).mapTo(String.class).one());
    }

    /** xmin and ctid of every row the account has in any item table: they change on any UPDATE. */
    private String rowVersions() {
        return fx.jdbi().withHandle(h -> h.createQuery("""
                        SELECT string_agg(v, ',' ORDER BY v) FROM (
                            SELECT 'c' || id || ':' || xmin::text || ctid::text AS v FROM collections WHERE account_id = :a
                            UNION ALL SELECT 'p' || id || ':' || xmin::text || ctid::text FROM pages WHERE account_id = :a
                            UNION ALL SELECT 'pc' || id || ':' || xmin::text || ctid::text FROM page_contents WHERE account_id = :a
                            UNION ALL SELECT 'cm' || id || ':' || xmin::text || ctid::text FROM comments WHERE account_id = :a
                            UNION ALL SELECT 't' || name || ':' || xmin::text || ctid::text FROM tags WHERE account_id = :a
                            UNION ALL SELECT 'pt' || page_id || tag_name || ':' || xmin::text || ctid::text
                                      FROM page_tags WHERE account_id = :a
                        ) x""").bind("a", account).mapTo(String.class).one());
    }
}
