package org.kbbridge.adapter.discourse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kbbridge.port.out.CreatedPost;
import org.kbbridge.port.out.CredentialsRejectedException;
import org.kbbridge.port.out.NewPost;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceRateLimitedException;
import org.kbbridge.port.out.TopicChanges;
import org.kbbridge.port.out.WriteOutcomeUnknownException;
import org.kbbridge.port.out.WriteRefusedException;

class DiscourseWritesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DiscourseClientSettings settings = DiscourseClientSettings.defaults()
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2));
    private final ResponsePolicy policy = new ResponsePolicy(settings);

    @Test
    void a_topic_is_created_with_category_and_tags_and_a_reply_with_its_parent_post_number() throws Exception {
        JsonNode topic = JSON.readTree(DiscourseWrites.createBody(new NewPost(null, "A title long enough", 7L,
                List.of("howto"), "The body text", null)));
        assertThat(topic.toString()).isEqualTo(
                "{\"raw\":\"The body text\",\"title\":\"A title long enough\",\"category\":7,\"tags\":[\"howto\"]}");
        JsonNode reply = JSON.readTree(DiscourseWrites.createBody(new NewPost(12L, null, null, null, "Reply", 3)));
        assertThat(reply.toString()).isEqualTo("{\"raw\":\"Reply\",\"topic_id\":12,\"reply_to_post_number\":3}");
    }

    @Test
    void topic_edits_send_top_level_fields_and_an_empty_tag_list_clears_the_tags() {
        assertThat(new String(DiscourseWrites.topicBody(new TopicChanges("New title here", 4L, List.of())),
                StandardCharsets.UTF_8)).isEqualTo("{\"title\":\"New title here\",\"category_id\":4,\"tags\":[]}");
        assertThat(new String(DiscourseWrites.postBody("raw text"), StandardCharsets.UTF_8))
                .isEqualTo("{\"post\":{\"raw\":\"raw text\"}}");
        assertThat(DiscourseWrites.topicPath(5)).isEqualTo("/t/-/5.json");
    }

    @Test
    void the_create_answer_is_the_post_or_pending_and_a_post_without_id_is_not_trusted() throws Exception {
        assertThat(DiscourseWrites.created(JSON.readTree("{\"id\":9,\"topic_id\":4,\"post_number\":2}")))
                .isEqualTo(new CreatedPost(false, 9, 4, 2));
        assertThat(DiscourseWrites.created(JSON.readTree("{\"action\":\"enqueued\",\"pending_post\":{\"id\":1}}"))
                .pending()).isTrue();
        assertThatThrownBy(() -> DiscourseWrites.created(JSON.readTree("{\"success\":true}")))
                .isInstanceOf(WriteOutcomeUnknownException.class);
    }

    @Test
    void a_create_is_never_retried_after_a_5xx_an_io_error_or_a_truncated_answer() {
        RequestAttempts attempts = new RequestAttempts(settings);
        assertThatThrownBy(() -> policy.judge("POST /posts.json", 502, null, "<title>Bad gateway</title>", null,
                false, ResponsePolicy.WriteMode.CREATE, attempts, new RequestTally()))
                .isInstanceOf(WriteOutcomeUnknownException.class);
        assertThatThrownBy(() -> policy.judge("POST /posts.json", 0, null, null, "SocketTimeoutException", false,
                ResponsePolicy.WriteMode.CREATE, attempts, new RequestTally()))
                .isInstanceOf(WriteOutcomeUnknownException.class);
        assertThatThrownBy(() -> policy.judge("POST /posts.json", 200, null, "{\"id\":9,\"topic", null, false,
                ResponsePolicy.WriteMode.CREATE, attempts, new RequestTally()))
                .isInstanceOf(WriteOutcomeUnknownException.class);
        assertThat(attempts.sends()).isZero();
    }

    @Test
    void an_edit_is_retried_like_a_read_and_an_empty_delete_answer_is_an_answer() {
        RequestAttempts attempts = new RequestAttempts(settings);
        assertThat(policy.judge("PUT /posts/1.json", 503, null, "", null, false, ResponsePolicy.WriteMode.EDIT,
                attempts, new RequestTally()).retry()).isTrue();
        assertThat(policy.judge("DELETE /posts/1.json", 200, null, "", null, false, ResponsePolicy.WriteMode.EDIT,
                attempts, new RequestTally()).json()).isNotNull();
    }

    @Test
    void refusals_keep_discourses_status_and_words_but_a_bad_key_is_still_a_credentials_problem() {
        assertThatThrownBy(() -> policy.judge("POST /posts.json", 422, null,
                "{\"action\":\"create_post\",\"errors\":[\"Title is too short (minimum is 15 characters)\"]}", null,
                false, ResponsePolicy.WriteMode.CREATE, new RequestAttempts(settings), new RequestTally()))
                .isInstanceOfSatisfying(WriteRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.discourseMessage()).isEqualTo("Title is too short (minimum is 15 characters)");
                });
        assertThatThrownBy(() -> policy.judge("PUT /posts/1.json", 409, null,
                "{\"errors\":[\"That post was edited by another user\"]}", null, false,
                ResponsePolicy.WriteMode.EDIT, new RequestAttempts(settings), new RequestTally()))
                .isInstanceOfSatisfying(WriteRefusedException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> policy.judge("PUT /posts/1.json", 401, null, "", null, false,
                ResponsePolicy.WriteMode.EDIT, new RequestAttempts(settings), new RequestTally()))
                .isInstanceOf(CredentialsRejectedException.class);
    }

    @Test
    void a_write_waits_on_429_only_within_its_budget_then_says_when_to_retry() {
        RequestAttempts attempts = new RequestAttempts(settings, 5_000);
        assertThat(policy.judge("POST /posts.json", 429, "3", "", null, false, ResponsePolicy.WriteMode.CREATE,
                attempts, new RequestTally()).retry()).isTrue();
        assertThatThrownBy(() -> policy.judge("POST /posts.json", 429, "3", "", null, false,
                ResponsePolicy.WriteMode.CREATE, attempts, new RequestTally()))
                .isInstanceOfSatisfying(SourceRateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(3));
    }
}
