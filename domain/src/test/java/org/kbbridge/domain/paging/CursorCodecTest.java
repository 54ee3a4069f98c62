package org.kbbridge.domain.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CursorCodecTest {

    private final CursorCodec codec = new CursorCodec("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));

    @Test
    void a_cursor_decodes_to_its_position_for_the_same_query() {
        String cursor = codec.encode("pages|1|tag=faq", "1234");
        assertThat(codec.decode("pages|1|tag=faq", cursor)).contains("1234");
    }

    @Test
    void a_cursor_of_another_query_is_refused() {
        String cursor = codec.encode("pages|1|tag=faq", "1234");
        assertThat(codec.decode("pages|1|tag=howto", cursor)).isEmpty();
        assertThat(codec.decode("pages|2|tag=faq", cursor)).isEmpty();
    }

    @Test
    void a_tampered_cursor_is_refused() {
        String cursor = codec.encode("q", "1234");
        String forged = new CursorCodec("another-secret-of-20b".getBytes(StandardCharsets.UTF_8)).encode("q", "9999");
        char[] chars = cursor.toCharArray();
        chars[2] = chars[2] == 'A' ? 'B' : 'A';
        assertThat(codec.decode("q", new String(chars))).isEmpty();
        assertThat(codec.decode("q", forged)).isEmpty();
        assertThat(codec.decode("q", "not a cursor")).isEmpty();
        assertThat(codec.decode("q", "a.b.c")).isEmpty();
        assertThat(codec.decode("q", "%%%.$$$")).isEmpty();
    }

    @Test
    void tag_names_with_any_characters_survive_the_round_trip() {
        String cursor = codec.encode("tags|1", "café|ünïcode.tag");
        assertThat(codec.decode("tags|1", cursor)).contains("café|ünïcode.tag");
    }
}
