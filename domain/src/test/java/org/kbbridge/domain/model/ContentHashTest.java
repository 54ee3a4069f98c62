package org.kbbridge.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void equal_fields_give_equal_hashes() {
        assertThat(ContentHash.of("a", 1, null)).isEqualTo(ContentHash.of("a", 1, null));
    }

    @Test
    void field_boundaries_and_nulls_are_not_ambiguous() {
        assertThat(ContentHash.of("ab", "c")).isNotEqualTo(ContentHash.of("a", "bc"));
        assertThat(ContentHash.of((Object) null)).isNotEqualTo(ContentHash.of(""));
        assertThat(ContentHash.of("null")).isNotEqualTo(ContentHash.of((Object) null));
    }

    @Test
    void an_edit_a_reader_can_see_changes_the_hash_of_a_comment() {
        Comment before = comment("old text");
        assertThat(before.contentHash()).isEqualTo(comment("old text").contentHash());
        assertThat(comment("new text").contentHash()).isNotEqualTo(before.contentHash());
    }

    private static Comment comment(String raw) {
        return new Comment("5", "1", 2, null, raw, "<p>" + raw + "</p>", new UserRef("1", "u", null), false, 0,
                "https://f/t/x/1/2", null, null, "{}");
    }
}
