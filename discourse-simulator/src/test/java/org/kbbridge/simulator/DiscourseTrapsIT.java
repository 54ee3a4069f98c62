package org.kbbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The traps of API-NOTES §10, as a client meets them over HTTP. */
class DiscourseTrapsIT {
    static DiscourseSimulator sim;
    static SimClient admin;

    @BeforeAll
    static void start() {
        sim = DiscourseSimulator.start(SimulatorConfig.defaults().size(60, 600));
        admin = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void restoreDefaults() {
        sim.limits().enabled = true;
        sim.limits().adminPerWindow = 60;
        sim.limits().ipLimitPrivate = false;
        sim.limits().ipPer10Seconds = 50;
        sim.limits().userKeyPerDay = 2880;
        sim.limits().resetCounters();
        sim.switches().tagsAsObjects = true;
        sim.switches().solvedMultiple = true;
        sim.switches().ignorePerPage = false;
        sim.faults().configure(0, null, 1);
        sim.config().megaTopicThreshold = 10_000;
    }

    private static List<Integer> ids(JsonNode arr) {
        List<Integer> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.get("id").asInt()));
        return out;
    }

    @Test
    void posts_before_is_inclusive_and_pages_hold_fifty_newest_first() {
        JsonNode first = admin.json("/posts.json");
        List<Integer> page1 = ids(first.get("latest_posts"));
        assertThat(page1).hasSize(50).isSortedAccordingTo((a, b) -> b - a);
        int before = page1.get(10);
        List<Integer> fromBefore = ids(admin.json("/posts.json?before=" + before).get("latest_posts"));
        assertThat(fromBefore.get(0)).isEqualTo(before);
    }

    @Test
    void posts_feed_holds_only_public_regular_visible_posts() {
        Set<Integer> seen = new HashSet<>();
        int before = 0;
        while (true) {
            List<Integer> page = ids(admin.json("/posts.json?before=" + before).get("latest_posts"));
            if (page.isEmpty()) {
                break;
            }
            seen.addAll(page);
            before = page.get(page.size() - 1) - 1;
            if (before <= 0) {
                break;
            }
        }
        Forum f = sim.forum();
        for (Post p : f.postsById().values()) {
            Topic t = f.topic(p.topicId);
            boolean expected = p.postType == Post.REGULAR && !p.hidden && !p.trashed() && !t.trashed() && !t.isPrivateMessage() && t.visible;
            assertThat(seen.contains(p.id)).as("post %d", p.id).isEqualTo(expected);
        }
        assertThat(f.postsById().values()).anyMatch(p -> p.postType == Post.WHISPER && !seen.contains(p.id));
    }

    @Test
    void topic_view_has_twenty_posts_and_the_stream_of_all_ids() {
        Topic longTopic = sim.forum().topics().stream().filter(t -> t.title.startsWith("Long discussion")).findFirst().orElseThrow();
        JsonNode view = admin.json("/t/" + longTopic.id + ".json");
        assertThat(view.at("/post_stream/posts")).hasSize(20);
        assertThat(view.at("/post_stream/stream")).hasSize(45);
        JsonNode page3 = admin.json("/t/" + longTopic.id + ".json?page=3");
        assertThat(page3.at("/post_stream/posts")).hasSize(5);
        JsonNode rest = admin.json("/t/" + longTopic.id + "/posts.json?post_ids[]=" + view.at("/post_stream/stream/44").asInt()
                + "&post_ids[]=" + view.at("/post_stream/stream/30").asInt());
        assertThat(rest.at("/post_stream/posts")).hasSize(2);
        assertThat(rest.has("id")).isTrue();
        assertThat(view.at("/post_stream/posts/0").has("raw")).isFalse();
        assertThat(admin.json("/t/" + longTopic.id + ".json?include_raw=false").at("/post_stream/posts/0").has("raw")).isTrue();
    }

    @Test
    void mega_topics_have_no_stream_but_isMegaTopic_and_lastId() {
        Topic longTopic = sim.forum().topics().stream().filter(t -> t.title.startsWith("Long discussion")).findFirst().orElseThrow();
        JsonNode small = admin.json("/t/" + (longTopic.id == 1 ? 2 : 1) + ".json");
        assertThat(small.at("/post_stream/stream").isArray()).isTrue();
        sim.config().megaTopicThreshold = 40; // Discourse's is 10,000; a small one keeps the test fast
        JsonNode view = admin.json("/t/" + longTopic.id + ".json");
        assertThat(view.at("/post_stream/isMegaTopic").asBoolean()).isTrue();
        assertThat(view.at("/post_stream/lastId").asInt()).isPositive();
        assertThat(view.at("/post_stream").has("stream")).isFalse();
        assertThat(view.has("timeline_lookup")).isFalse();
        JsonNode after = admin.json("/t/" + longTopic.id + "/posts.json?post_number=20&asc=true");
        assertThat(after.at("/post_stream/posts/0/post_number").asInt()).isEqualTo(21);
        assertThat(admin.json("/t/" + longTopic.id + "/post_ids.json?post_number=40").get("post_ids")).hasSize(5);
    }

    @Test
    void pinned_topics_lead_page_zero_and_shift_later_offsets() {
        JsonNode p0 = admin.json("/latest.json");
        JsonNode topics = p0.at("/topic_list/topics");
        assertThat(topics.get(0).get("pinned_globally").asBoolean()).isTrue();
        assertThat(topics.get(0).get("bumped_at").asText()).isLessThan(topics.get(1).get("bumped_at").asText());
        List<Integer> page0 = ids(topics);
        List<Integer> page1 = ids(admin.json("/latest.json?page=1").at("/topic_list/topics"));
        assertThat(page1).doesNotContainAnyElementsOf(page0);
        // with order=created there is no pinning: page 1 starts where page 0 ended
        List<Integer> created0 = ids(admin.json("/latest.json?order=created").at("/topic_list/topics"));
        assertThat(created0.get(0)).isNotEqualTo(page0.get(0));
    }

    @Test
    void more_topics_url_only_on_full_pages_and_without_json() {
        JsonNode p0 = admin.json("/latest.json?per_page=10");
        assertThat(p0.at("/topic_list/more_topics_url").asText()).isEqualTo("/latest?per_page=10&page=1");
        assertThat(p0.at("/topic_list/per_page").asInt()).isEqualTo(10);
        int page = 0;
        JsonNode last;
        do {
            last = admin.json("/latest.json?per_page=10&page=" + page++);
        } while (last.at("/topic_list").has("more_topics_url"));
        assertThat(last.at("/topic_list/topics").size()).isLessThan(10);
    }

    @Test
    void per_page_outside_one_to_hundred_is_400_unless_the_server_is_old() {
        assertThat(admin.get("/latest.json?per_page=101").statusCode()).isEqualTo(400);
        assertThat(admin.get("/latest.json?per_page=0").statusCode()).isEqualTo(400);
        assertThat(admin.get("/latest.json?ascending=yes").statusCode()).isEqualTo(400);
        sim.switches().ignorePerPage = true;
        JsonNode old = admin.json("/latest.json?per_page=100");
        assertThat(old.at("/topic_list/topics")).hasSize(30);
    }

    @Test
    void category_lists_include_subcategories_and_put_category_pins_first() {
        JsonNode list = admin.json("/c/support/3/l/latest.json");
        Set<Integer> cats = new HashSet<>();
        list.at("/topic_list/topics").forEach(t -> cats.add(t.get("category_id").asInt()));
        assertThat(cats).contains(3, 5);
        assertThat(list.at("/topic_list/topics/0/pinned").asBoolean()).isTrue();
        assertThat(admin.get("/c/3/l/latest.json").statusCode()).isEqualTo(200);
        assertThat(admin.get("/c/wrong-slug/3/l/latest.json").statusCode()).isEqualTo(301);
    }

    @Test
    void bad_admin_key_is_403_invalid_access() {
        SimClient bad = new SimClient(sim);
        bad.apiKey = "nope";
        HttpResponse<String> r = bad.get("/latest.json");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo("{\"errors\":[\"You are not permitted to view the requested resource. The API username or key is invalid.\"],\"error_type\":\"invalid_access\"}");
    }

    @Test
    void an_all_users_admin_key_acts_as_the_user_named_by_external_id() {
        User alice = sim.forum().userByName("alice");
        assertThat(alice.externalId).isNotBlank();
        SimClient byExternalId = new SimClient(sim);
        byExternalId.apiUsername = null;
        byExternalId.headers.put("Api-User-External-Id", alice.externalId);
        assertThat(byExternalId.json("/session/current.json").at("/current_user/username").asText()).isEqualTo("alice");
        byExternalId.headers.put("Api-User-External-Id", "no-such-external-id");
        HttpResponse<String> r = byExternalId.get("/latest.json");
        SimClient badUsername = new SimClient(sim);
        badUsername.apiUsername = "no_such_user";
        HttpResponse<String> expected = badUsername.get("/latest.json");
        assertThat(expected.statusCode()).isEqualTo(403);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).isEqualTo(expected.body());
    }

    @Test
    void admin_routes_answer_404_not_403_to_anyone_but_an_admin() {
        SimClient bogus = new SimClient(sim);
        bogus.apiKey = "bogus key";
        assertThat(bogus.get("/latest.json").statusCode()).isEqualTo(403);
        HttpResponse<String> r = bogus.get("/admin/backups.json");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(SimClient.parse(r.body()).get("error_type").asText()).isEqualTo("not_found");
        SimClient regular = new SimClient(sim);
        regular.apiUsername = "alice";
        assertThat(regular.get("/latest.json").statusCode()).isEqualTo(200);
        assertThat(regular.get("/admin/backups.json").statusCode()).isEqualTo(404);
        assertThat(SimClient.userKey(sim).get("/admin/backups.json").statusCode()).isEqualTo(404);
        assertThat(SimClient.anonymous(sim).get("/admin/backups.json").statusCode()).isEqualTo(404);
        JsonNode backups = admin.json("/admin/backups.json");
        assertThat(backups.isArray()).isTrue();
        assertThat(backups.get(0).get("filename").asText()).endsWith(".tar.gz");
    }

    @Test
    void bogus_admin_key_requests_are_not_rolled_back_from_the_per_ip_limit() {
        sim.limits().ipLimitPrivate = true;
        sim.limits().ipPer10Seconds = 2;
        SimClient bogus = new SimClient(sim);
        bogus.apiKey = "bogus key";
        assertThat(bogus.get("/admin/backups.json").statusCode()).isEqualTo(404);
        assertThat(bogus.get("/admin/backups.json").statusCode()).isEqualTo(404);
        HttpResponse<String> r = bogus.get("/admin/backups.json");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Discourse-Rate-Limit-Error-Code")).contains("ip_10_secs_limit");
        assertThat(admin.get("/admin/backups.json").statusCode()).isEqualTo(200);
    }

    @Test
    void admin_limit_answers_json_429_with_wait_seconds_and_retry_after() {
        sim.limits().adminPerWindow = 3;
        for (int i = 0; i < 3; i++) {
            assertThat(admin.get("/about.json").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = admin.get("/about.json");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Discourse-Rate-Limit-Error-Code")).contains("admin_api_key_rate_limit");
        int retry = Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow());
        JsonNode body = SimClient.parse(r.body());
        assertThat(body.at("/extras/wait_seconds").asInt()).isEqualTo(retry).isBetween(1, 60);
        assertThat(body.get("error_type").asText()).isEqualTo("rate_limit");
    }

    @Test
    void per_ip_limit_answers_plain_text_429_for_non_admin_requests() {
        sim.limits().ipLimitPrivate = true;
        sim.limits().ipPer10Seconds = 5;
        SimClient anon = SimClient.anonymous(sim);
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(anon.get("/latest.json").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> r = anon.get("/latest.json");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            assertThat(r.headers().firstValue("Discourse-Rate-Limit-Error-Code")).contains("ip_10_secs_limit");
            assertThat(r.body()).startsWith("Slow down, you're making too many requests.");
            // valid admin-key requests are not held to the per-IP limit
            assertThat(admin.get("/latest.json").statusCode()).isEqualTo(200);
        } finally {
            sim.limits().ipPer10Seconds = 50;
        }
    }

    @Test
    void user_api_keys_have_their_own_limit_and_see_no_private_categories() {
        SimClient user = SimClient.userKey(sim);
        JsonNode site = user.json("/site.json");
        site.get("categories").forEach(c -> assertThat(c.get("read_restricted").asBoolean()).isFalse());
        sim.limits().userKeyPerWindow = 2;
        try {
            user.get("/about.json");
            HttpResponse<String> r = user.get("/about.json");
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Discourse-Rate-Limit-Error-Code")).contains("user_api_key_limiter_60_secs");
        } finally {
            sim.limits().userKeyPerWindow = 20;
        }
    }

    @Test
    void user_api_keys_have_a_daily_limit_set_through_the_control_api() {
        assertThat(admin.json("/__sim/limits").get("user_key_per_day").asInt()).isEqualTo(2880);
        admin.post("/__sim/limits", "{\"user_key_per_day\":2}");
        SimClient user = SimClient.userKey(sim);
        assertThat(user.get("/about.json").statusCode()).isEqualTo(200);
        assertThat(user.get("/about.json").statusCode()).isEqualTo(200);
        HttpResponse<String> r = user.get("/about.json");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Discourse-Rate-Limit-Error-Code")).contains("user_api_key_limiter_1_day");
        JsonNode body = SimClient.parse(r.body());
        assertThat(body.get("error_type").asText()).isEqualTo("rate_limit");
        int wait = body.at("/extras/wait_seconds").asInt();
        assertThat(wait).isBetween(86_000, 86_400);
        assertThat(r.headers().firstValue("Retry-After")).contains(String.valueOf(wait));
        // the shared admin budget is not the user key's
        assertThat(admin.get("/about.json").statusCode()).isEqualTo(200);
    }

    @Test
    void user_api_key_requests_also_pay_the_per_ip_limit() {
        sim.limits().ipLimitPrivate = true;
        sim.limits().ipPer10Seconds = 3;
        SimClient user = SimClient.userKey(sim);
        for (int i = 0; i < 3; i++) {
            assertThat(user.get("/about.json").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> r = user.get("/about.json");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(r.headers().firstValue("Discourse-Rate-Limit-Error-Code")).contains("ip_10_secs_limit");
        // and share that budget with anonymous requests from the same address
        assertThat(SimClient.anonymous(sim).get("/about.json").statusCode()).isEqualTo(429);
    }

    @Test
    void tag_list_pages_hold_fifty_one_tags_by_name_and_offset_counts_pages() {
        try (DiscourseSimulator own = DiscourseSimulator.start(SimulatorConfig.defaults().size(20, 100))) {
            for (int i = 0; i < 60; i++) {
                own.forum().addTag(String.format("zz-list-%02d", i), null);
            }
            int total = own.forum().tags().size();
            SimClient client = new SimClient(own);
            JsonNode page0 = client.json("/tags/list.json");
            assertThat(page0.get("list_tags")).hasSize(51);
            assertThat(page0.at("/meta/total_rows_list_tags").asInt()).isEqualTo(total);
            assertThat(page0.at("/meta/load_more_list_tags").asText()).isEqualTo("/tags/list.json?offset=1");
            List<String> names = new ArrayList<>();
            page0.get("list_tags").forEach(t -> names.add(t.get("name").asText()));
            JsonNode page1 = client.json(page0.at("/meta/load_more_list_tags").asText());
            page1.get("list_tags").forEach(t -> names.add(t.get("name").asText()));
            assertThat(names).hasSize(total).doesNotHaveDuplicates()
                    .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
            assertThat(client.json(page1.at("/meta/load_more_list_tags").asText()).get("list_tags")).isEmpty();

            JsonNode filtered = client.json("/tags/list.json?filter=ZZ-LIST-0");
            assertThat(filtered.at("/meta/total_rows_list_tags").asInt()).isEqualTo(10);
            filtered.get("list_tags").forEach(t -> assertThat(t.get("name").asText()).startsWith("zz-list-0"));
            assertThat(filtered.at("/meta/load_more_list_tags").asText()).isEqualTo("/tags/list.json?offset=1&filter=ZZ-LIST-0");

            assertThat(SimClient.anonymous(own).get("/tags/list.json").statusCode()).isEqualTo(403);
        }
    }

    @Test
    void tags_come_as_objects_or_strings_by_switch() {
        Topic tagged = sim.forum().topics().stream().filter(t -> !t.tags.isEmpty() && !t.trashed() && !t.isPrivateMessage()).findFirst().orElseThrow();
        assertThat(admin.json("/t/" + tagged.id + ".json").at("/tags/0").has("slug")).isTrue();
        sim.switches().tagsAsObjects = false;
        assertThat(admin.json("/t/" + tagged.id + ".json").at("/tags/0").isTextual()).isTrue();
    }

    @Test
    void solved_answers_come_as_array_or_object_by_switch() {
        Topic solved = sim.forum().topics().stream().filter(t -> t.title.startsWith("Troubleshooting: 502")).findFirst().orElseThrow();
        JsonNode multi = admin.json("/t/" + solved.id + ".json");
        assertThat(multi.get("has_accepted_answer").asBoolean()).isTrue();
        assertThat(multi.at("/accepted_answers/0/post_number").asInt()).isEqualTo(3);
        sim.switches().solvedMultiple = false;
        JsonNode single = admin.json("/t/" + solved.id + ".json");
        assertThat(single.has("accepted_answers")).isFalse();
        assertThat(single.at("/accepted_answer/post_number").asInt()).isEqualTo(3);
    }

    @Test
    void identical_create_within_120_seconds_returns_the_first_post() {
        String body = "{\"title\":\"Memoized creation test topic\",\"raw\":\"This body is long enough to be accepted.\",\"category\":2}";
        JsonNode a = admin.post("/posts.json", body);
        JsonNode b = admin.post("/posts.json", body);
        assertThat(a.get("id").asInt()).isPositive().isEqualTo(b.get("id").asInt());
        assertThat(sim.forum().topics().stream().filter(t -> t.title.equals("Memoized creation test topic")).count()).isEqualTo(1);
        HttpResponse<String> bad = admin.send("POST", "/posts.json", "{\"title\":\"short\",\"raw\":\"tiny\"}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(SimClient.parse(bad.body()).get("action").asText()).isEqualTo("create_post");
    }

    @Test
    void unknown_tags_are_dropped_for_users_who_cannot_create_them() {
        SimClient alice = new SimClient(sim);
        alice.apiUsername = "alice";
        JsonNode created = alice.post("/posts.json",
                "{\"title\":\"Tagging rules are applied on write\",\"raw\":\"Body that is certainly long enough.\",\"tags\":[\"Brand New\",\"BUG\"]}");
        JsonNode topic = admin.json("/t/" + created.get("topic_id").asInt() + ".json");
        assertThat(topic.get("tags")).hasSize(1);
        assertThat(topic.at("/tags/0/name").asText()).isEqualTo("bug");
        admin.send("PUT", "/t/-/" + created.get("topic_id").asInt() + ".json", "{\"tags\":[\"Brand New\",\"a\",\"b\",\"c\",\"d\",\"e\"]}");
        JsonNode retagged = admin.json("/t/" + created.get("topic_id").asInt() + ".json");
        assertThat(retagged.get("tags")).hasSize(5);
        assertThat(retagged.at("/tags/0/name").asText()).isEqualTo("brand-new");
        HttpResponse<String> conflict = admin.send("PUT", "/t/-/" + created.get("topic_id").asInt() + ".json",
                "{\"title\":\"Another title for this topic\",\"original_title\":\"not the title\"}");
        assertThat(conflict.statusCode()).isEqualTo(409);
    }

    @Test
    void faults_reset_connections_and_truncate_bodies() {
        sim.faults().configure(1.0, List.of("truncate"), 7);
        HttpResponse<String> r = admin.get("/about.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotEndWith("}");
        sim.faults().configure(1.0, List.of("503"), 7);
        HttpResponse<String> unavailable = admin.get("/about.json");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("<html>");
        sim.faults().configure(1.0, List.of("reset"), 7);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.get("/about.json")).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(sim.stats().count("GET /about.json", "reset")).isPositive();
    }

    @Test
    void truth_holds_only_knowledge() {
        JsonNode truth = admin.json("/__sim/truth");
        Set<String> pageIds = new HashSet<>();
        truth.get("pages").forEach(p -> pageIds.add(p.get("id").asText()));
        for (Topic t : sim.forum().topics()) {
            boolean special = t.isPrivateMessage() || !t.visible || t.trashed() || sim.forum().isPrivateCategory(t.categoryId);
            if (special) {
                assertThat(pageIds).doesNotContain(String.valueOf(t.id));
            }
        }
        Set<String> commentIds = new HashSet<>();
        truth.get("comments").forEach(c -> commentIds.add(c.get("id").asText()));
        for (Post p : sim.forum().postsById().values()) {
            if (p.postType != Post.REGULAR || p.hidden || p.userDeleted || p.trashed()) {
                assertThat(commentIds).doesNotContain(String.valueOf(p.id));
            }
        }
        assertThat(truth.get("comments")).anyMatch(c -> c.at("/parent/type").asText().equals("comment"));
        JsonNode withPrivate = admin.json("/__sim/truth?include_private=true");
        assertThat(withPrivate.get("collections").size()).isGreaterThan(truth.get("collections").size());
    }
}
