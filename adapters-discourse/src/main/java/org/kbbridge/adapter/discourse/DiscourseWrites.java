package org.kbbridge.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.kbbridge.port.out.CreatedPost;
import org.kbbridge.port.out.NewPost;
import org.kbbridge.port.out.TopicChanges;
import org.kbbridge.port.out.WriteOutcomeUnknownException;

/** Paths and JSON bodies of the Discourse writes, and what their answers mean. */
final class DiscourseWrites {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DiscourseWrites() {
    }

    static String createPath() {
        return "/posts.json";
    }

    /** {@code POST /posts.json}: {@code category} is the create parameter (a name would be looked up too). */
    static byte[] createBody(NewPost post) {
        ObjectNode body = JSON.createObjectNode();
        body.put("raw", post.raw());
        if (post.isTopic()) {
            body.put("title", post.title());
            if (post.categoryId() != null) {
                body.put("category", post.categoryId());
            }
            if (post.tags() != null && !post.tags().isEmpty()) {
                ArrayNode tags = body.putArray("tags");
                post.tags().forEach(tags::add);
            }
        } else {
            body.put("topic_id", post.topicId());
            if (post.replyToPostNumber() != null) {
                body.put("reply_to_post_number", post.replyToPostNumber());
            }
        }
        return bytes(body);
    }

    /**
     * The created post, or pending when Discourse queued it ({@code action: "enqueued"}, no post id). A 200 without a
     * post id is not an answer we can trust: the post may exist.
     */
    static CreatedPost created(JsonNode answer) {
        if ("enqueued".equals(answer.path("action").asText())) {
            return CreatedPost.PENDING;
        }
        JsonNode post = answer.has("post") && answer.get("post").isObject() ? answer.get("post") : answer;
        if (!post.path("id").canConvertToLong() || !post.path("topic_id").canConvertToLong()
                || post.path("id").asLong() <= 0) {
            throw new WriteOutcomeUnknownException("POST /posts.json: Discourse answered without a post id; "
                    + "the post may have been created");
        }
        return new CreatedPost(false, post.get("id").asLong(), post.get("topic_id").asLong(),
                post.path("post_number").asInt(0));
    }

    /** {@code PUT /t/-/{id}.json} reads top-level fields (the OpenAPI's nested {@code topic} form is not what it reads). */
    static String topicPath(long topicId) {
        return "/t/-/" + topicId + ".json";
    }

    static byte[] topicBody(TopicChanges changes) {
        ObjectNode body = JSON.createObjectNode();
        if (changes.title() != null) {
            body.put("title", changes.title());
        }
        if (changes.categoryId() != null) {
            body.put("category_id", changes.categoryId());
        }
        if (changes.tags() != null) {
            ArrayNode tags = body.putArray("tags");
            changes.tags().forEach(tags::add);
        }
        return bytes(body);
    }

    static String postPath(long postId) {
        return "/posts/" + postId + ".json";
    }

    static byte[] postBody(String raw) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("post").put("raw", raw);
        return bytes(body);
    }

    private static byte[] bytes(ObjectNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
