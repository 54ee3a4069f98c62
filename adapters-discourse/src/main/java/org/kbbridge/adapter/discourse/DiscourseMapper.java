package org.kbbridge.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kbbridge.domain.source.ForumStats;
import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTag;
import org.kbbridge.domain.source.SourceTopic;
import org.kbbridge.domain.source.SourceUser;
import org.kbbridge.port.out.TopicListPage;

/**
 * Discourse JSON to the domain's Source records. Tolerant of every shape real servers send: unknown fields are
 * ignored, missing ones default, old and new field names are both read.
 */
final class DiscourseMapper {

    private static final int LIKE_ACTION_TYPE = 2;

    private DiscourseMapper() {
    }

    /** {@code /session/current.json} → {@code current_user}; {@code /u/{username}.json} → {@code user}. */
    static SourceUser currentUser(JsonNode root) {
        JsonNode user = root.path("current_user");
        if (!user.isObject()) {
            user = root.path("user");
        }
        if (!user.isObject() || !user.hasNonNull("id")) {
            return null;
        }
        return user(user);
    }

    /** Current servers send {@code topics_count}/{@code posts_count}, older ones {@code topic_count}/{@code post_count}. */
    static ForumStats stats(JsonNode root) {
        JsonNode stats = root.path("about").path("stats");
        return new ForumStats(firstLong(stats, "topics_count", "topic_count"), firstLong(stats, "posts_count", "post_count"));
    }

    static List<SourceCategory> categories(JsonNode root) {
        List<SourceCategory> categories = new ArrayList<>();
        for (JsonNode c : root.path("categories")) {
            if (!c.hasNonNull("id")) {
                continue;
            }
            categories.add(new SourceCategory(
                    c.path("id").asLong(),
                    text(c, "name"),
                    text(c, "slug"),
                    text(c, "description_text"),
                    longOrNull(c, "parent_category_id"),
                    c.path("read_restricted").asBoolean(false),
                    c.path("position").asInt(0),
                    c.path("topic_count").asInt(0),
                    c.toString()));
        }
        return categories;
    }

    /** Tag objects carry {@code name} (newer) or {@code text}/{@code id} (older, where the id is the name). */
    static List<SourceTag> tags(JsonNode root) {
        List<SourceTag> tags = new ArrayList<>();
        for (JsonNode t : root.path("tags")) {
            String name = t.isTextual() ? t.asText() : tagName(t);
            if (name == null) {
                continue;
            }
            tags.add(new SourceTag(name, t.isObject() ? text(t, "description") : null,
                    t.isObject() ? t.path("count").asInt(0) : 0, t.isObject() ? tagRef(t.path("target_tag")) : null,
                    t.toString()));
        }
        return tags;
    }

    /** {@code hasMore} only from {@code more_topics_url}: old servers ignore {@code per_page}. */
    static TopicListPage topicList(JsonNode root) {
        Map<Long, SourceUser> users = new HashMap<>();
        for (JsonNode u : root.path("users")) {
            if (u.hasNonNull("id")) {
                users.put(u.path("id").asLong(), user(u));
            }
        }
        JsonNode list = root.path("topic_list");
        List<SourceTopic> topics = new ArrayList<>();
        for (JsonNode t : list.path("topics")) {
            if (t.hasNonNull("id")) {
                topics.add(listTopic(t, users));
            }
        }
        return new TopicListPage(topics, list.hasNonNull("more_topics_url"));
    }

    static SourceTopic listTopic(JsonNode t, Map<Long, SourceUser> users) {
        return topic(t, originalPoster(t, users), null, t.path("has_accepted_answer").asBoolean(false),
                instant(t, "bumped_at"));
    }

    /** The topic view: no bumped_at; the creator in {@code details.created_by}; Solved's accepted answer. */
    static SourceTopic viewTopic(JsonNode t) {
        JsonNode createdBy = t.path("details").path("created_by");
        Integer accepted = acceptedAnswerPostNumber(t);
        boolean hasAccepted = t.path("has_accepted_answer").asBoolean(false) || accepted != null;
        return topic(withoutPostStream(t), createdBy.isObject() && createdBy.hasNonNull("id") ? user(createdBy) : null,
                accepted, hasAccepted, null);
    }

    /** Posts of a topic view or of {@code /t/{id}/posts.json}; the category is the topic's. */
    static List<SourcePost> posts(JsonNode root, Long topicCategoryId) {
        List<SourcePost> posts = new ArrayList<>();
        for (JsonNode p : root.path("post_stream").path("posts")) {
            if (p.hasNonNull("id")) {
                posts.add(post(p, topicCategoryId));
            }
        }
        return posts;
    }

    /** {@code /posts.json}: newest first, each post with its own {@code category_id}. */
    static List<SourcePost> latestPosts(JsonNode root) {
        List<SourcePost> posts = new ArrayList<>();
        for (JsonNode p : root.path("latest_posts")) {
            if (p.hasNonNull("id")) {
                posts.add(post(p, null));
            }
        }
        return posts;
    }

    static SourcePost post(JsonNode p, Long topicCategoryId) {
        Long categoryId = longOrNull(p, "category_id");
        return new SourcePost(
                p.path("id").asLong(),
                p.path("topic_id").asLong(),
                text(p, "topic_slug"),
                p.path("post_number").asInt(0),
                p.path("post_type").asInt(SourcePost.REGULAR),
                p.hasNonNull("reply_to_post_number") ? p.path("reply_to_post_number").asInt() : null,
                text(p, "raw"),
                text(p, "cooked"),
                p.path("hidden").asBoolean(false),
                p.hasNonNull("deleted_at"),
                p.path("user_deleted").asBoolean(false),
                p.hasNonNull("user_id") ? new SourceUser(p.path("user_id").asLong(), text(p, "username"), text(p, "name"))
                        : null,
                // on posts Solved sends a boolean; an object here would be a topic-level shape, not this post
                p.path("accepted_answer").isBoolean() && p.path("accepted_answer").asBoolean(),
                likeCount(p),
                categoryId != null ? categoryId : topicCategoryId,
                instant(p, "created_at"),
                instant(p, "updated_at"),
                p.toString());
    }

    /** Solved: {@code accepted_answer} object (plugin ≤ 2025) or {@code accepted_answers} array (bundled in core). */
    static Integer acceptedAnswerPostNumber(JsonNode t) {
        JsonNode single = t.path("accepted_answer");
        if (single.isObject() && single.hasNonNull("post_number")) {
            return single.path("post_number").asInt();
        }
        for (JsonNode answer : t.path("accepted_answers")) {
            if (answer.hasNonNull("post_number")) {
                return answer.path("post_number").asInt();
            }
        }
        return null;
    }

    private static SourceTopic topic(JsonNode t, SourceUser createdBy, Integer acceptedAnswerPostNumber,
            boolean hasAcceptedAnswer, Instant bumpedAt) {
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : t.path("tags")) {
            String name = tag.isTextual() ? tag.asText() : tagName(tag);
            if (name != null) {
                tags.add(name);
            }
        }
        String archetype = text(t, "archetype");
        return new SourceTopic(
                t.path("id").asLong(),
                text(t, "title"),
                text(t, "slug"),
                longOrNull(t, "category_id"),
                archetype == null ? SourceTopic.REGULAR : archetype,
                t.path("visible").asBoolean(true),
                t.path("closed").asBoolean(false),
                t.path("archived").asBoolean(false),
                t.path("pinned").asBoolean(false) || t.path("pinned_globally").asBoolean(false),
                t.hasNonNull("deleted_at"),
                tags,
                createdBy,
                t.path("views").asInt(0),
                t.path("reply_count").asInt(0),
                t.path("like_count").asInt(0),
                t.path("posts_count").asInt(0),
                t.path("highest_post_number").asInt(0),
                hasAcceptedAnswer,
                acceptedAnswerPostNumber,
                instant(t, "created_at"),
                bumpedAt,
                instant(t, "last_posted_at"),
                t.toString());
    }

    /** A list names its topic's creator only as the poster described "Original Poster", by user id. */
    private static SourceUser originalPoster(JsonNode t, Map<Long, SourceUser> users) {
        for (JsonNode poster : t.path("posters")) {
            String description = text(poster, "description");
            if (description != null && description.contains("Original Poster") && poster.hasNonNull("user_id")) {
                long id = poster.path("user_id").asLong();
                return users.getOrDefault(id, new SourceUser(id, null, null));
            }
        }
        return null;
    }

    private static JsonNode withoutPostStream(JsonNode t) {
        if (!t.isObject() || !t.has("post_stream")) {
            return t;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = t.deepCopy();
        copy.remove("post_stream");
        return copy;
    }

    private static int likeCount(JsonNode p) {
        if (p.hasNonNull("like_count")) {
            return p.path("like_count").asInt();
        }
        for (JsonNode action : p.path("actions_summary")) {
            if (action.path("id").asInt() == LIKE_ACTION_TYPE) {
                return action.path("count").asInt(0);
            }
        }
        return 0;
    }

    private static String tagName(JsonNode tag) {
        if (!tag.isObject()) {
            return null;
        }
        for (String field : new String[] {"name", "text"}) {
            if (tag.path(field).isTextual()) {
                return tag.path(field).asText();
            }
        }
        // old servers: the id is the name; new servers: a number, never a name
        return tag.path("id").isTextual() ? tag.path("id").asText() : null;
    }

    private static String tagRef(JsonNode target) {
        if (target.isTextual()) {
            return target.asText();
        }
        return target.isObject() ? tagName(target) : null;
    }

    private static SourceUser user(JsonNode u) {
        return new SourceUser(u.path("id").asLong(), text(u, "username"), text(u, "name"));
    }

    private static long firstLong(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.hasNonNull(field)) {
                return node.path(field).asLong();
            }
        }
        return 0;
    }

    private static Long longOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) && node.path(field).canConvertToLong() ? node.path(field).asLong() : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        // only scalars: a hand-edited or foreign payload may put an object where a string belongs
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
