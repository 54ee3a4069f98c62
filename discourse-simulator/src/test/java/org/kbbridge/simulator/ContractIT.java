package org.kbbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's answers validate against Discourse's OpenAPI response schemas, relaxed by exactly the
 * exceptions of API-NOTES §11, and have the shape of the real captured responses.
 */
class ContractIT {
    static DiscourseSimulator sim;
    static SimClient admin;
    static JsonNode openapi;
    static Path data;

    @BeforeAll
    static void start() throws IOException {
        String shared = System.getProperty("kb.shared.dir");
        Path dir = shared != null ? Path.of(shared) : Path.of("../../shared");
        if (!dir.resolve("discourse").toFile().isDirectory()) {
            dir = Path.of("../../shared");
        }
        data = dir.resolve("discourse/data");
        openapi = SimClient.M.readTree(data.resolve("discourse_api_docs__openapi.json").toFile());
        sim = DiscourseSimulator.start(SimulatorConfig.defaults().size(40, 300));
        admin = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    // ---- schema patches: API-NOTES §11, nothing else ----

    private static void walk(JsonNode n, Consumer<ObjectNode> f) {
        if (n instanceof ObjectNode o) {
            f.accept(o);
            o.fields().forEachRemaining(e -> walk(e.getValue(), f));
        } else if (n instanceof ArrayNode a) {
            a.forEach(x -> walk(x, f));
        }
    }

    private static void eachObjectWith(JsonNode schema, Predicate<JsonNode> props, Consumer<ObjectNode> f) {
        walk(schema, o -> {
            JsonNode p = o.get("properties");
            if (p != null && p.isObject() && props.test(p)) {
                f.accept(o);
            }
        });
    }

    private static void allow(ObjectNode schema, String prop, String typeJson) {
        ((ObjectNode) schema.get("properties")).set(prop, SimClient.parse(typeJson));
    }

    private static void nullable(ObjectNode schema, String prop) {
        JsonNode p = schema.get("properties").get(prop);
        if (p instanceof ObjectNode po && po.has("type")) {
            JsonNode t = po.get("type");
            ArrayNode types = SimClient.M.createArrayNode();
            if (t.isArray()) {
                t.forEach(types::add);
            } else {
                types.add(t.asText());
            }
            types.add("null");
            po.set("type", types);
        }
    }

    private static void unrequire(ObjectNode schema, String prop) {
        JsonNode req = schema.get("required");
        if (req instanceof ArrayNode a) {
            for (Iterator<JsonNode> it = a.iterator(); it.hasNext(); ) {
                if (it.next().asText().equals(prop)) {
                    it.remove();
                }
            }
        }
    }

    static JsonSchema schemaFor(String path, String method) {
        ObjectNode s = (ObjectNode) openapi.at("/paths/" + path.replace("/", "~1") + "/" + method + "/responses/200/content/application~1json/schema").deepCopy();
        assertThat(s.isMissingNode()).isFalse();
        boolean topicView = path.equals("/t/{id}.json");
        boolean category = path.equals("/c/{slug}/{id}.json");
        // posts (one PostSerializer for every endpoint; Solved's four fields; include_raw; integer reply_to_post_number)
        eachObjectWith(s, p -> p.has("post_number") && p.has("cooked"), o -> {
            if (o.get("properties").has("reply_to_post_number")) {
                allow(o, "reply_to_post_number", "{\"type\":[\"integer\",\"null\"]}");
            }
            if (topicView || path.equals("/posts.json")) {
                for (String f : List.of("accepted_answer", "topic_accepted_answer", "can_accept_answer", "can_unaccept_answer")) {
                    allow(o, f, "{\"type\":\"boolean\"}");
                }
            }
            if (topicView) {
                allow(o, "raw", "{\"type\":\"string\"}");
                unrequire(o, "link_counts");
                allow(o, "badges_granted", "{\"type\":\"array\"}");
                allow(o, "post_url", "{\"type\":\"string\"}");
                allow(o, "flair_group_id", "{\"type\":[\"integer\",\"null\"]}");
                allow(o, "mentioned_users", "{\"type\":\"array\"}");
                nullable(o, "name");
                nullable(o, "display_username");
            }
            if (path.equals("/posts.json")) {
                allow(o, "mentioned_users", "{\"type\":\"array\"}");
            }
            if (topicView || path.equals("/t/{id}/posts.json")) {
                nullable(o, "reviewable_id");
            }
            if (topicView || path.equals("/posts.json")) {
                walk(o.get("properties").get("actions_summary"), a -> {
                    if (a.has("properties") && a.get("properties").has("can_act")) {
                        allow(a, "count", "{\"type\":\"integer\"}");
                    }
                });
            }
        });
        // topic-list and suggested-topic items
        eachObjectWith(s, p -> p.has("posters"), o -> {
            if (category || topicView) {
                allow(o, "has_accepted_answer", "{\"type\":\"boolean\"}");
                allow(o, "can_have_answer", "{\"type\":\"boolean\"}");
            }
            if (category) {
                allow(o, "tags", "{\"type\":\"array\"}");
                allow(o, "tags_descriptions", "{\"type\":\"object\"}");
            }
            for (String f : List.of("image_url", "bookmarked", "liked")) {
                nullable(o, f);
            }
            walk(o.get("properties").get("posters"), x -> {
                if (x.has("properties") && x.get("properties").has("extras")) {
                    nullable(x, "extras");
                }
            });
        });
        if (category) {
            eachObjectWith(s, p -> p.has("topics") && p.has("per_page"), o -> allow(o, "more_topics_url", "{\"type\":\"string\"}"));
            eachObjectWith(s, p -> p.has("avatar_template") && p.has("username") && !p.has("post_number"), o -> nullable(o, "name"));
        }
        if (topicView) {
            allow(s, "accepted_answer", "{\"type\":\"object\"}");
            allow(s, "accepted_answers", "{\"type\":\"array\"}");
            allow(s, "has_accepted_answer", "{\"type\":\"boolean\"}");
            allow(s, "tags", "{\"type\":\"array\",\"items\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"object\",\"required\":[\"id\",\"name\",\"slug\"]}]}}");
            allow(s, "tags_descriptions", "{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}}");
            eachObjectWith(s, p -> p.has("avatar_template") && p.has("username") && !p.has("post_number"), o -> nullable(o, "name"));
        }
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(s);
    }

    private static void assertValid(String specPath, String method, JsonNode body) {
        Set<ValidationMessage> errors = schemaFor(specPath, method).validate(body);
        assertThat(errors).as(method.toUpperCase() + " " + specPath).isEmpty();
    }

    private static Topic ordinaryTopic() {
        Forum f = sim.forum();
        return f.topics().stream()
                .filter(t -> t.title.startsWith("How do I") && !t.tags.isEmpty() && f.topicPosts(t).size() > 2 && !t.acceptedPostIds.isEmpty())
                .findFirst().orElseThrow();
    }

    @Test
    void read_endpoints_match_the_openapi_schemas() {
        Topic t = ordinaryTopic();
        Post reply = sim.forum().topicPosts(t).get(1);
        assertValid("/site.json", "get", admin.json("/site.json"));
        assertValid("/categories.json", "get", admin.json("/categories.json"));
        assertValid("/categories.json", "get", admin.json("/categories.json?include_subcategories=true"));
        assertValid("/latest.json", "get", admin.json("/latest.json"));
        assertValid("/c/{slug}/{id}.json", "get", admin.json("/c/general/2.json"));
        assertValid("/tag/{name}.json", "get", admin.json("/tag/" + t.tags.iterator().next() + ".json"));
        assertValid("/tags.json", "get", admin.json("/tags.json"));
        assertValid("/tag_groups.json", "get", admin.json("/tag_groups.json"));
        assertValid("/t/{id}.json", "get", admin.json("/t/" + t.id + ".json"));
        assertValid("/t/{id}.json", "get", admin.json("/t/" + t.id + ".json?include_raw=1"));
        assertValid("/t/{id}/posts.json", "get", admin.json("/t/" + t.id + "/posts.json?post_ids[]=" + reply.id));
        assertValid("/posts.json", "get", admin.json("/posts.json"));
        assertValid("/posts/{id}.json", "get", admin.json("/posts/" + reply.id + ".json"));
        assertValid("/search.json", "get", admin.json("/search.json?q=starttls"));
        assertValid("/u/{username}.json", "get", admin.json("/u/alice.json"));
        assertValid("/admin/backups.json", "get", admin.json("/admin/backups.json"));
    }

    @Test
    void both_tag_shapes_validate_in_the_topic_view() {
        Topic t = ordinaryTopic();
        sim.switches().tagsAsObjects = false;
        try {
            assertValid("/t/{id}.json", "get", admin.json("/t/" + t.id + ".json"));
        } finally {
            sim.switches().tagsAsObjects = true;
        }
    }

    @Test
    void write_endpoints_match_the_openapi_schemas() {
        JsonNode created = admin.post("/posts.json", "{\"title\":\"Contract test topic for writes\",\"raw\":\"A body long enough for Discourse.\",\"category\":2}");
        assertValid("/posts.json", "post", created);
        int id = created.get("id").asInt();
        JsonNode edited = SimClient.parse(admin.send("PUT", "/posts/" + id + ".json", "{\"post\":{\"raw\":\"An edited body that is long enough.\"}}").body());
        assertValid("/posts/{id}.json", "put", edited);
        JsonNode topic = SimClient.parse(admin.send("PUT", "/t/-/" + created.get("topic_id").asInt() + ".json", "{\"title\":\"Contract test topic, renamed\"}").body());
        assertValid("/t/-/{id}.json", "put", topic);
    }

    // ---- shape against captured real responses ----

    private static Set<String> keys(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Keys both sides share have the same JSON type (null matches anything); our object carries every key the capture has, but the listed old ones. */
    private static void assertSameShape(String what, JsonNode captured, JsonNode ours, Set<String> retiredKeys) {
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = captured.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode mine = ours.get(e.getKey());
            if (mine == null) {
                if (!retiredKeys.contains(e.getKey())) {
                    problems.add("missing " + e.getKey());
                }
                continue;
            }
            JsonNode theirs = e.getValue();
            if (!theirs.isNull() && !mine.isNull() && theirs.getNodeType() != mine.getNodeType()
                    && !(theirs.isNumber() && mine.isNumber())) {
                problems.add(e.getKey() + ": " + theirs.getNodeType() + " vs " + mine.getNodeType());
            }
        }
        assertThat(problems).as(what).isEmpty();
    }

    private static JsonNode captured(String file) {
        try {
            return SimClient.M.readTree(new File(data.resolve(file).toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void responses_have_the_shape_of_captured_real_ones() {
        Set<String> retiredPostKeys = Set.of("avg_time", "primary_group_flair_url", "primary_group_flair_bg_color", "primary_group_flair_color");
        JsonNode latestPosts = admin.json("/posts.json");
        assertSameShape("/posts.json post", captured("discourse_api__posts_latest.json").at("/latest_posts/0"), latestPosts.at("/latest_posts/0"), retiredPostKeys);
        assertThat(keys(latestPosts)).isEqualTo(keys(captured("discourse_api__posts_latest.json")));

        Topic t = ordinaryTopic();
        JsonNode view = admin.json("/t/" + t.id + ".json");
        JsonNode capturedView = captured("discourse_api__topic.json");
        assertSameShape("/t/{id}.json", capturedView, view, Set.of("has_best_of"));
        assertSameShape("/t/{id}.json post", capturedView.at("/post_stream/posts/0"), view.at("/post_stream/posts/0"),
                Set.of("avg_time", "post_actions", "can_flag", "primary_group_flair_url", "primary_group_flair_bg_color", "primary_group_flair_color",
                        "link_counts", "read", "hidden_reason_id"));
        assertSameShape("/t/{id}.json details", capturedView.get("details"), view.get("details"), Set.of("auto_close_at", "suggested_topics", "links"));

        JsonNode posts = admin.json("/t/" + t.id + "/posts.json?post_ids[]=" + view.at("/post_stream/stream/1").asInt());
        assertThat(keys(posts)).isEqualTo(keys(captured("discourse_api__topic_posts.json")));

        JsonNode latest = admin.json("/latest.json");
        assertSameShape("/latest.json item", captured("discourse_api__latest.json").at("/topic_list/topics/0"), latest.at("/topic_list/topics/0"), Set.of("has_best_of"));
        JsonNode single = admin.json("/posts/" + view.at("/post_stream/stream/1").asInt() + ".json");
        Set<String> retiredSingle = new TreeSet<>(retiredPostKeys);
        retiredSingle.addAll(Set.of("uploaded_avatar_id", "topic_auto_close_at", "hidden_reason_id"));
        assertSameShape("/posts/{id}.json", captured("discourse_api__post.json"), single, retiredSingle);
    }
}
