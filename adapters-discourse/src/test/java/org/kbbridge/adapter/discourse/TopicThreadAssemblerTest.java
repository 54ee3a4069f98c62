package org.kbbridge.adapter.discourse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.source.SourcePost;

class TopicThreadAssemblerTest {

    @Test
    void a_captured_topic_view_asks_for_nothing_when_the_stream_is_loaded() {
        TopicThreadAssembler assembler = new TopicThreadAssembler(SharedData.json("discourse_api__topic.json"), 50);

        assertThat(assembler.hasMore()).isFalse();
        assertThat(assembler.result().posts()).extracting(SourcePost::id).containsExactly(83L, 84L, 86L, 226L);
    }

    @Test
    void missing_stream_ids_are_asked_for_in_batches_and_ids_discourse_drops_are_not_asked_again() {
        List<Long> ids = LongStream.rangeClosed(1, 25).boxed().toList();
        TopicThreadAssembler assembler = new TopicThreadAssembler(
                SharedData.parse(DiscourseReadRoutesIT.topicView(8, ids, ids.subList(0, 20), false)), 3);

        List<String> paths = new ArrayList<>();
        while (assembler.hasMore()) {
            String path = assembler.nextPath();
            paths.add(path);
            // Discourse silently drops post 22 (deleted meanwhile)
            List<Long> answered = new ArrayList<>(
                    path.contains("=21&") || path.endsWith("=22") ? List.of(21L) : List.of());
            for (String part : path.split("&")) {
                if (part.startsWith("post_ids%5B%5D=") && !part.endsWith("=22") && !part.endsWith("=21")) {
                    answered.add(Long.parseLong(part.substring(part.indexOf('=') + 1)));
                }
            }
            assembler.accept(DiscourseReadRoutesIT.posts(8, answered));
        }

        assertThat(paths).containsExactly(
                "/t/8/posts.json?include_raw=1&post_ids%5B%5D=21&post_ids%5B%5D=22&post_ids%5B%5D=23",
                "/t/8/posts.json?include_raw=1&post_ids%5B%5D=24&post_ids%5B%5D=25");
        assertThat(assembler.result().posts()).extracting(SourcePost::id)
                .containsExactlyElementsOf(ids.stream().filter(id -> id != 22).toList());
    }

    @Test
    void a_mega_topic_falls_back_to_post_number_pages_when_post_ids_is_missing() {
        List<Long> ids = LongStream.rangeClosed(1, 20).boxed().toList();
        TopicThreadAssembler assembler = new TopicThreadAssembler(
                SharedData.parse(DiscourseReadRoutesIT.topicView(6, null, ids, true)), 50);

        assertThat(assembler.nextPath()).isEqualTo("/t/6/post_ids.json?post_number=20");
        assembler.accept(null);
        assertThat(assembler.nextPath()).isEqualTo("/t/6/posts.json?include_raw=1&asc=true&post_number=20");
        assembler.accept(DiscourseReadRoutesIT.posts(6, List.of(21L, 22L)));
        assertThat(assembler.nextPath()).isEqualTo("/t/6/posts.json?include_raw=1&asc=true&post_number=22");
        assembler.accept(DiscourseReadRoutesIT.posts(6, List.of()));

        assertThat(assembler.hasMore()).isFalse();
        assertThat(assembler.result().posts()).hasSize(22);
    }
}
