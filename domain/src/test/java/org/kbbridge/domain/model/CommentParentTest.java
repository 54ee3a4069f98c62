package org.kbbridge.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CommentParentTest {

    private final Map<Integer, String> live = Map.of(2, "502", 3, "503");

    @Test
    void a_reply_to_nothing_or_to_the_first_post_hangs_under_the_page() {
        assertThat(CommentParent.resolve("10", null, live)).isEqualTo(new CommentParent("10", "page"));
        assertThat(CommentParent.resolve("10", 1, live)).isEqualTo(new CommentParent("10", "page"));
    }

    @Test
    void a_reply_to_a_live_comment_hangs_under_that_comment() {
        assertThat(CommentParent.resolve("10", 3, live)).isEqualTo(new CommentParent("503", "comment"));
    }

    @Test
    void a_reply_to_a_post_that_is_not_knowledge_hangs_under_the_page() {
        assertThat(CommentParent.resolve("10", 7, live)).isEqualTo(new CommentParent("10", "page"));
    }
}
