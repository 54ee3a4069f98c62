package org.kbbridge.domain.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTopic;
import org.kbbridge.domain.source.SourceUser;

class KnowledgeRulesTest {

    private static final SourceCategory SUPPORT = category(1, null, false);
    private static final SourceCategory HOWTO = category(2, 1L, false);
    private static final SourceCategory STAFF = category(3, null, true);
    private static final SourceCategory STAFF_NOTES = category(4, 3L, false);
    private static final CategoryTree TREE = new CategoryTree(List.of(SUPPORT, HOWTO, STAFF, STAFF_NOTES));

    private final KnowledgeRules publicOnly = new KnowledgeRules(TREE, SyncScope.EVERYTHING_PUBLIC);

    @Test
    void subcategories_of_a_read_restricted_category_are_private_too() {
        assertThat(TREE.isPrivate(4)).isTrue();
        assertThat(publicOnly.admitsCategory(STAFF_NOTES)).isFalse();
        assertThat(new KnowledgeRules(TREE, SyncScope.of(null, null, true)).admitsCategory(STAFF_NOTES)).isTrue();
    }

    @Test
    void a_category_scope_admits_the_subcategories_of_the_chosen_category() {
        KnowledgeRules scoped = new KnowledgeRules(TREE, SyncScope.of(List.of(1L), null, false));
        assertThat(scoped.admitsCategory(HOWTO)).isTrue();
        assertThat(scoped.admitsTopic(topic(10, 2L, "regular", true, false))).isTrue();
        assertThat(scoped.admitsTopic(topic(11, 3L, "regular", true, false))).isFalse();
    }

    @Test
    void private_messages_unlisted_and_trashed_topics_are_not_knowledge() {
        assertThat(publicOnly.admitsTopic(topic(10, 1L, "regular", true, false))).isTrue();
        assertThat(publicOnly.admitsTopic(topic(11, 1L, "private_message", true, false))).isFalse();
        assertThat(publicOnly.admitsTopic(topic(12, 1L, "regular", false, false))).isFalse();
        assertThat(publicOnly.admitsTopic(topic(13, 1L, "regular", true, true))).isFalse();
        assertThat(publicOnly.admitsTopic(topic(14, 99L, "regular", true, false)))
                .as("a topic in a category the forum did not list").isFalse();
        assertThat(publicOnly.admitsTopic(topic(15, 4L, "regular", true, false))).isFalse();
    }

    @Test
    void a_tag_scope_admits_topics_with_any_of_the_tags() {
        KnowledgeRules scoped = new KnowledgeRules(TREE, SyncScope.of(null, List.of("howto", "faq"), false));
        SourceTopic tagged = new SourceTopic(20, "t", "t", 1L, "regular", true, false, false, false, false,
                List.of("faq"), null, 0, 0, 0, 1, 1, false, null, Instant.EPOCH, null, null, "{}");
        assertThat(scoped.admitsTopic(tagged)).isTrue();
        assertThat(scoped.admitsTopic(topic(21, 1L, "regular", true, false))).isFalse();
    }

    @Test
    void only_live_visible_regular_posts_are_knowledge() {
        assertThat(publicOnly.admitsPost(post(1, false, false, false))).isTrue();
        assertThat(publicOnly.admitsPost(post(4, false, false, false))).as("whisper").isFalse();
        assertThat(publicOnly.admitsPost(post(3, false, false, false))).as("small action").isFalse();
        assertThat(publicOnly.admitsPost(post(2, false, false, false))).as("moderator action").isFalse();
        assertThat(publicOnly.admitsPost(post(1, true, false, false))).as("hidden").isFalse();
        assertThat(publicOnly.admitsPost(post(1, false, true, false))).as("trashed").isFalse();
        assertThat(publicOnly.admitsPost(post(1, false, false, true))).as("deleted by its author").isFalse();
    }

    private static SourceCategory category(long id, Long parent, boolean restricted) {
        return new SourceCategory(id, "c" + id, "c" + id, null, parent, restricted, (int) id, 0, "{}");
    }

    private static SourceTopic topic(long id, Long category, String archetype, boolean visible, boolean deleted) {
        return new SourceTopic(id, "t", "t", category, archetype, visible, false, false, false, deleted, List.of(),
                null, 0, 0, 0, 1, 1, false, null, Instant.EPOCH, null, null, "{}");
    }

    private static SourcePost post(int type, boolean hidden, boolean deleted, boolean userDeleted) {
        return new SourcePost(100, 10, "t", 2, type, null, "raw", "<p>raw</p>", hidden, deleted, userDeleted,
                new SourceUser(1, "u", null), false, 0, 1L, Instant.EPOCH, Instant.EPOCH, "{}");
    }
}
