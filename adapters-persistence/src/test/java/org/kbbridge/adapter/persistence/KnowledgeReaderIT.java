package org.kbbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kbbridge.adapter.persistence.StoreFixture.collection;
import static org.kbbridge.adapter.persistence.StoreFixture.comment;
import static org.kbbridge.adapter.persistence.StoreFixture.content;
import static org.kbbridge.adapter.persistence.StoreFixture.page;
import static org.kbbridge.adapter.persistence.StoreFixture.tag;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.model.CommentParent;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.view.CollectionView;
import org.kbbridge.domain.view.CommentView;
import org.kbbridge.domain.view.ItemView;
import org.kbbridge.domain.view.PageView;
import org.kbbridge.domain.view.TagView;
import org.kbbridge.port.out.ItemRef;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.ListQuery;
import org.kbbridge.port.out.SyncBatch;

/**
 * One forum: categories 1 > 2 > 3 and 4; pages 10 (cat 1, tags faq+install), 11 (cat 2, faq), 12 (cat 3), 13 (cat 4,
 * deleted), 14 (cat 4, install); contents and comments on page 10.
 */
class KnowledgeReaderIT {

    static StoreFixture fx;
    static KnowledgeReader reader;
    static long account;
    static long otherAccount;

    @BeforeAll
    static void seed() {
        fx = new StoreFixture();
        reader = fx.store.knowledgeReader();
        account = fx.newAccount("forum");
        otherAccount = fx.newAccount("other");
        fx.store.knowledgeWriter().write(account, new SyncBatch(null, List.of(
                collection(1, null), collection(2, 1L), collection(3, 2L), collection(4, null),
                page(10, 1, "How to install the widget", "faq", "install"),
                page(11, 2, "Widget colours", "faq"),
                page(12, 3, "Deeply nested question"),
                page(13, 4, "Gone topic"),
                page(14, 4, "Upgrade notes", "install"),
                content(100, 10, "Run the installer twice"),
                content(110, 11, "Blue and green gizmos"),
                comment(101, 10, 2, null, false),
                comment(102, 10, 3, 2, true),
                comment(103, 10, 4, 1, false),
                comment(104, 10, 5, 9, false),
                comment(105, 10, 6, 7, true),
                comment(106, 10, 7, null, false),
                comment(107, 10, 8, 7, false),
                tag("faq"), tag("install"), tag("unused")), List.of(), null));
        fx.store.knowledgeWriter().write(account, new SyncBatch(null, List.of(), List.of(
                new ItemRef(ResourceType.PAGE, "13"), new ItemRef(ResourceType.COMMENT, "106")), null));
        fx.store.knowledgeWriter().write(otherAccount, new SyncBatch(null,
                List.of(page(10, 1, "Another forum's install page", "faq")), List.of(), null));
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void collection_filter_includes_every_subcategory() {
        assertThat(ids(pages().collection("1"))).containsExactly("10", "11", "12");
        assertThat(ids(pages().collection("2"))).containsExactly("11", "12");
        assertThat(ids(pages().collection("4"))).containsExactly("14");
    }

    @Test
    void tag_filter_returns_only_pages_with_that_tag() {
        assertThat(ids(pages().tag("faq"))).containsExactly("10", "11");
        assertThat(ids(pages().tag("install"))).containsExactly("10", "14");
        assertThat(ids(pages().tag("nope"))).isEmpty();
    }

    @Test
    void text_search_matches_titles_and_first_post_content_with_stemming() {
        assertThat(ids(pages().q("install"))).containsExactly("10");
        assertThat(ids(pages().q("gizmo"))).containsExactly("11");
        assertThat(ids(pages().q("widget"))).containsExactly("10", "11");
        assertThat(ids(pages().q("widget -colours"))).containsExactly("10");
    }

    @Test
    void include_deleted_adds_tombstones_marked_deleted() {
        assertThat(ids(pages())).containsExactly("10", "11", "12", "14");
        List<ItemView> all = reader.list(pages().includeDeleted().query()).items();
        assertThat(all).extracting(ItemView::id).containsExactly("10", "11", "12", "13", "14");
        assertThat(all).filteredOn(ItemView::deleted).extracting(ItemView::id).containsExactly("13");
    }

    @Test
    void updated_after_returns_items_changed_later() {
        Instant t0 = StoreFixture.T0;
        // page(id) is updated at T0 + id seconds
        assertThat(ids(pages().updatedAfter(t0.plusSeconds(11)))).containsExactly("12", "14");
        assertThat(ids(pages().updatedAfter(t0.plusSeconds(11)).includeDeleted())).containsExactly("12", "13", "14");
    }

    @Test
    void page_id_filter_scopes_contents_and_comments() {
        assertThat(ids(new Q(ResourceType.PAGE_CONTENT).page("11"))).containsExactly("110");
        assertThat(ids(new Q(ResourceType.COMMENT).page("10"))).containsExactly("101", "102", "103", "104", "105", "107");
        assertThat(ids(new Q(ResourceType.COMMENT).page("11"))).isEmpty();
    }

    @Test
    void accounts_never_see_each_others_items() {
        assertThat(ids(new Q(ResourceType.PAGE, otherAccount))).containsExactly("10");
        assertThat(ids(new Q(ResourceType.PAGE, otherAccount).q("widget"))).isEmpty();
    }

    @Test
    void keyset_pages_continue_after_the_last_key_and_say_whether_more_follow() {
        var first = reader.list(new ListQuery(account, ResourceType.PAGE, null, null, null, null, null, false, null, 2));
        var second = reader.list(new ListQuery(account, ResourceType.PAGE, null, null, null, null, null, false, "11", 2));
        assertThat(first.items()).extracting(ItemView::id).containsExactly("10", "11");
        assertThat(first.hasMore()).isTrue();
        assertThat(second.items()).extracting(ItemView::id).containsExactly("12", "14");
        assertThat(second.hasMore()).isFalse();
        var tags = reader.list(new ListQuery(account, ResourceType.TAG, null, null, null, null, null, false, "faq", 10));
        assertThat(tags.items()).extracting(ItemView::id).containsExactly("install", "unused");
    }

    @Test
    void accepted_answer_is_the_lowest_live_accepted_comment() {
        PageView page = (PageView) reader.find(account, ResourceType.PAGE, "10").orElseThrow();
        assertThat(page.acceptedAnswerId()).isEqualTo("102");
        assertThat(page.item().tags()).containsExactly("faq", "install");
        assertThat(((PageView) reader.find(account, ResourceType.PAGE, "11").orElseThrow()).acceptedAnswerId()).isNull();
    }

    @Test
    void comment_parent_is_the_live_comment_replied_to_or_else_the_page() {
        assertThat(parent("101")).isEqualTo(new CommentParent("10", "page"));
        assertThat(parent("102")).isEqualTo(new CommentParent("101", "comment"));
        assertThat(parent("103")).isEqualTo(new CommentParent("10", "page"));
        assertThat(parent("104")).isEqualTo(new CommentParent("10", "page"));
        // 105 and 107 reply to post 7, comment 106, which is a tombstone
        assertThat(parent("105")).isEqualTo(new CommentParent("10", "page"));
        assertThat(parent("107")).isEqualTo(new CommentParent("10", "page"));
    }

    @Test
    void page_counts_count_live_pages_directly_in_a_collection_and_per_tag() {
        assertThat(((CollectionView) reader.find(account, ResourceType.COLLECTION, "1").orElseThrow()).pageCount())
                .isEqualTo(1);
        assertThat(((CollectionView) reader.find(account, ResourceType.COLLECTION, "4").orElseThrow()).pageCount())
                .isEqualTo(1);
        assertThat(((TagView) reader.find(account, ResourceType.TAG, "faq").orElseThrow()).pageCount()).isEqualTo(2);
        assertThat(((TagView) reader.find(account, ResourceType.TAG, "unused").orElseThrow()).pageCount()).isZero();
    }

    @Test
    void find_answers_empty_for_unknown_or_malformed_ids() {
        assertThat(reader.find(account, ResourceType.PAGE, "999")).isEmpty();
        assertThat(reader.find(account, ResourceType.PAGE, "abc")).isEmpty();
        assertThat(reader.find(otherAccount, ResourceType.PAGE, "11")).isEmpty();
        assertThat(reader.find(account, ResourceType.PAGE, "13").orElseThrow().deleted()).isTrue();
        assertThat(reader.find(account, ResourceType.COLLECTION, "2").orElseThrow().item().remoteData())
                .isEqualTo("{\"id\": 2}");
    }

    @Test
    void live_ids_and_live_comment_ids_leave_tombstones_out() {
        assertThat(reader.liveIds(account, ResourceType.PAGE)).containsExactlyInAnyOrder("10", "11", "12", "14");
        assertThat(reader.liveIds(account, ResourceType.TAG)).containsExactlyInAnyOrder("faq", "install", "unused");
        assertThat(reader.liveCommentIds(account, "10")).containsExactlyInAnyOrder("101", "102", "103", "104", "105", "107");
    }

    private static CommentParent parent(String commentId) {
        return ((CommentView) reader.find(account, ResourceType.COMMENT, commentId).orElseThrow()).parent();
    }

    private static Q pages() {
        return new Q(ResourceType.PAGE);
    }

    private static List<String> ids(Q q) {
        return reader.list(q.query()).items().stream().map(ItemView::id).toList();
    }

    /** A ListQuery builder for the tests. */
    private static final class Q {
        final ResourceType resource;
        final long accountId;
        Instant updatedAfter;
        String collection;
        String page;
        String tag;
        String text;
        boolean includeDeleted;

        Q(ResourceType resource) {
            this(resource, account);
        }

        Q(ResourceType resource, long accountId) {
            this.resource = resource;
            this.accountId = accountId;
        }

        Q collection(String id) {
            collection = id;
            return this;
        }

        Q page(String id) {
            page = id;
            return this;
        }

        Q tag(String name) {
            tag = name;
            return this;
        }

        Q q(String value) {
            text = value;
            return this;
        }

        Q updatedAfter(Instant at) {
            updatedAfter = at;
            return this;
        }

        Q includeDeleted() {
            includeDeleted = true;
            return this;
        }

        ListQuery query() {
            return new ListQuery(accountId, resource, updatedAfter, collection, page, tag, text, includeDeleted, null, 100);
        }
    }
}
