package org.kbbridge.adapter.discourse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.out.ForumEvent;
import org.kbbridge.port.out.ForumEvent.Kind;
import org.kbbridge.port.out.ForumEventDecoder;

/**
 * Discourse's webhook bodies: {@code {"<event type>": <payload>}} (API-NOTES 7). Post and Solved payloads are
 * WebHookPostSerializer posts (with {@code raw}, {@code topic_archetype}, {@code category_id}); topic payloads are
 * WebHookTopicViewSerializer topics.
 */
public final class DiscourseWebhookDecoder implements ForumEventDecoder {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ForumEvent decode(String eventType, String eventName, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("the webhook body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("the webhook body could not be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("the webhook body must be a JSON object such as {\"post\": {...}}");
        }
        String type = eventType != null ? eventType : firstField(root);
        if (root.has("ping") || "ping".equals(type)) {
            return new ForumEvent(Kind.PING, eventName, null, null, false, null);
        }
        JsonNode payload = root.path(type == null ? "" : type);
        if (!payload.isObject()) {
            return new ForumEvent(Kind.OTHER, eventName, null, null, false, null);
        }
        return switch (type) {
            case "post", "solved" -> post(type.equals("post") ? Kind.POST : Kind.SOLVED, eventName, payload);
            case "topic" -> new ForumEvent(Kind.TOPIC, eventName,
                    payload.hasNonNull("id") ? payload.path("id").asLong() : null,
                    payload.hasNonNull("archetype") ? payload.path("archetype").asText() : null,
                    payload.hasNonNull("deleted_at"), null);
            default -> new ForumEvent(Kind.OTHER, eventName, null, null, false, null);
        };
    }

    private static ForumEvent post(Kind kind, String eventName, JsonNode payload) {
        if (!payload.hasNonNull("id") || !payload.hasNonNull("topic_id")) {
            throw new InvalidRequestException("a post event's payload needs the post's id and topic_id");
        }
        SourcePost post = DiscourseMapper.post(payload, null);
        String archetype = payload.hasNonNull("topic_archetype") ? payload.path("topic_archetype").asText() : null;
        return new ForumEvent(kind, eventName, post.topicId(), archetype, false, post);
    }

    private static String firstField(JsonNode root) {
        Iterator<String> names = root.fieldNames();
        return names.hasNext() ? names.next() : null;
    }
}
