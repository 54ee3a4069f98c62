package org.kbbridge.adapter.discourse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kbbridge.adapter.discourse.FakeDiscourse.json;
import static org.kbbridge.adapter.discourse.FakeDiscourse.reset;
import static org.kbbridge.adapter.discourse.FakeDiscourse.slow;
import static org.kbbridge.adapter.discourse.FakeDiscourse.text;
import static org.kbbridge.adapter.discourse.FakeDiscourse.truncated;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceUser;
import org.kbbridge.port.out.CredentialsRejectedException;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceException;
import org.kbbridge.port.out.TopicListPage;
import org.kbbridge.port.out.TopicListQuery;
import org.kbbridge.port.out.TopicThread;

class DiscourseReadRoutesIT {

    static final DiscourseClientSettings FAST = DiscourseClientSettings.defaults()
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))
            .withRateLimitWaits(Duration.ofMillis(30), Duration.ofSeconds(30))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400));
    static final String SESSION = "{\"current_user\":{\"id\":7,\"username\":\"sync-bot\",\"name\":\"Sync Bot\"}}";
    static final String ABOUT = "{\"about\":{\"stats\":{\"topics_count\":3,\"posts_count\":9}}}";

    FakeDiscourse discourse;
    CamelContext camel;
    DiscourseCommunitySource source;
    RequestTally tally;
    SourceAccount account;

    @BeforeEach
    void start() throws Exception {
        discourse = new FakeDiscourse();
        camel = new DefaultCamelContext();
        DiscourseRoutes.install(camel, FAST);
        camel.start();
        source = new DiscourseCommunitySource(camel);
        tally = new RequestTally();
        account = account(1, KeyKind.GLOBAL, 600, tally);
    }

    @AfterEach
    void stop() {
        camel.stop();
        discourse.close();
    }

    SourceAccount account(long id, KeyKind kind, int limit, RequestTally counts) {
        return new SourceAccount(id, discourse.baseUrl() + "/", new DiscourseCredentials(kind, "secret-key-" + id,
                kind == KeyKind.GLOBAL ? "sync-bot" : null, null), limit, counts);
    }

    @Test
    void a_global_key_sends_exactly_api_key_username_and_accept_and_no_inbound_header() {
        discourse.on("/session/current.json", json(SESSION));

        Exchange result = camel.createProducerTemplate().send("direct:" + DiscourseReadRoutes.VERIFY_CREDENTIALS, e -> {
            e.setProperty(DiscourseExchange.ACCOUNT, account);
            e.getMessage().setHeader(Exchange.HTTP_PATH, "/admin/users.json");
            e.getMessage().setHeader(Exchange.HTTP_URI, "http://127.0.0.1:1/elsewhere");
            e.getMessage().setHeader(Exchange.HTTP_QUERY, "evil=1");
            e.getMessage().setHeader("X-Inbound", "leak");
            e.getMessage().setHeader("Authorization", "Bearer kb-token");
        });

        assertThat(result.getException()).isNull();
        assertThat(result.getMessage().getBody()).isEqualTo(new SourceUser(7, "sync-bot", "Sync Bot"));
        FakeDiscourse.Seen seen = discourse.seen().get(0);
        assertThat(seen.path()).isEqualTo("/session/current.json");
        assertThat(seen.query()).isNull();
        assertThat(seen.header("Api-Key")).isEqualTo("secret-key-1");
        assertThat(seen.header("Api-Username")).isEqualTo("sync-bot");
        assertThat(seen.header("Accept")).isEqualTo("application/json");
        assertThat(seen.header("User-Api-Key")).isNull();
        assertThat(seen.header("X-Inbound")).isNull();
        assertThat(seen.header("Authorization")).isNull();
        assertThat(seen.headers().keySet()).noneMatch(name -> name.startsWith("camel") || name.startsWith("kb"));
        assertThat(result.getMessage().getHeaders()).doesNotContainKeys("Api-Key", "Api-Username");
        assertThat(tally.requests()).isEqualTo(1);
    }

    @Test
    void a_base_url_with_a_path_keeps_its_path() {
        discourse.on("/forum/about.json", json(ABOUT));
        SourceAccount prefixed = new SourceAccount(5, discourse.baseUrl() + "/forum/", account.credentials(), 60, tally);

        assertThat(source.stats(prefixed).topics()).isEqualTo(3);
        assertThat(discourse.seen().get(0).path()).isEqualTo("/forum/about.json");
    }

    @Test
    void the_request_route_carries_a_write_for_the_write_routes_to_come() {
        discourse.on("/posts.json", json(503, "down"), json("{\"id\":99,\"topic_id\":5,\"post_number\":1}"));

        Exchange result = camel.createProducerTemplate().send("direct:" + DiscourseRequestRoutes.REQUEST, e -> {
            e.setProperty(DiscourseExchange.ACCOUNT, account);
            e.setProperty(DiscourseExchange.PATH, "/posts.json");
            e.setProperty(DiscourseExchange.METHOD, "POST");
            e.setProperty(DiscourseExchange.CONTENT_TYPE, "application/json");
            e.setProperty(DiscourseExchange.REQUEST_BODY, "{\"title\":\"Hello\",\"raw\":\"World\"}");
        });

        assertThat(result.getException()).isNull();
        assertThat(discourse.seen()).hasSize(2).allSatisfy(seen -> {
            assertThat(seen.method()).isEqualTo("POST");
            assertThat(seen.header("Content-Type")).startsWith("application/json");
            assertThat(seen.body()).isEqualTo("{\"title\":\"Hello\",\"raw\":\"World\"}");
        });
    }

    @Test
    void a_user_key_sends_only_user_api_key() {
        discourse.on("/session/current.json", json(SESSION));

        source.verifyCredentials(account(2, KeyKind.USER, 600, tally));

        FakeDiscourse.Seen seen = discourse.seen().get(0);
        assertThat(seen.header("User-Api-Key")).isEqualTo("secret-key-2");
        assertThat(seen.header("Api-Key")).isNull();
        assertThat(seen.header("Api-Username")).isNull();
    }

    @Test
    void without_a_session_user_the_named_user_is_asked() {
        discourse.on("/session/current.json", json(404, "{\"errors\":[\"not found\"],\"error_type\":\"not_found\"}"))
                .on("/u/sync-bot.json", json("{\"user_badges\":[],\"user\":{\"id\":7,\"username\":\"sync-bot\",\"name\":null}}"));

        assertThat(source.verifyCredentials(account)).isEqualTo(new SourceUser(7, "sync-bot", null));
    }

    @Test
    void rejected_credentials_fail_at_once_with_discourse_s_message() {
        discourse.on("/session/current.json", json(403, "{\"errors\":[\"You are not permitted to view the requested "
                + "resource. The API username or key is invalid.\"],\"error_type\":\"invalid_access\"}"));
        discourse.on("/about.json", text(401, "unauthorized"));

        assertThatThrownBy(() -> source.verifyCredentials(account)).isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("The API username or key is invalid.").hasMessageNotContaining("secret-key");
        assertThatThrownBy(() -> source.stats(account)).isInstanceOf(CredentialsRejectedException.class);
        assertThat(discourse.seen()).hasSize(2);
        assertThat(tally.retriedCount()).isZero();
    }

    @Test
    void a_429_in_text_without_retry_after_waits_the_default_and_one_in_json_waits_wait_seconds() {
        discourse.on("/about.json",
                text(429, "Slow down, you're making too many requests.\nError code: ip_10_secs_limit.",
                        "Discourse-Rate-Limit-Error-Code", "ip_10_secs_limit"),
                json(429, "{\"errors\":[\"wait\"],\"error_type\":\"rate_limit\",\"extras\":{\"wait_seconds\":1,"
                        + "\"time_left\":\"1 second\"}}"),
                json(ABOUT));

        assertThat(source.stats(account).posts()).isEqualTo(9);

        assertThat(discourse.count("/about.json")).isEqualTo(3);
        assertThat(tally.requests()).isEqualTo(3);
        assertThat(tally.rateLimitedCount()).isEqualTo(2);
        assertThat(tally.retriedCount()).isZero();
    }

    @Test
    void a_429_with_retry_after_is_retried_after_it() {
        discourse.on("/site.json", text(429, "Slow down", "Retry-After", "1"),
                json("{\"categories\":[{\"id\":1,\"name\":\"General\"}]}"));

        assertThat(source.categories(account)).hasSize(1);
        assertThat(tally.rateLimitedCount()).isEqualTo(1);
        assertThat(discourse.count("/site.json")).isEqualTo(2);
    }

    @Test
    void server_errors_resets_truncation_and_timeouts_are_retried_with_back_off() {
        String tags = "{\"tags\":[{\"id\":\"faq\",\"text\":\"faq\",\"count\":2}]}";
        discourse.on("/tags.json", request -> {
            long n = discourse.count("/tags.json");
            return switch ((int) n) {
                case 1 -> json(503, "{\"errors\":[\"The site is in read only mode.\"],\"error_type\":\"read_only\"}");
                case 2 -> reset();
                case 3 -> truncated(tags);
                case 4 -> slow(1_500, json(tags));
                default -> json(tags);
            };
        });

        assertThat(source.tags(account)).extracting(t -> t.name()).containsExactly("faq");

        assertThat(discourse.count("/tags.json")).isEqualTo(5);
        assertThat(tally.requests()).isEqualTo(5);
        assertThat(tally.retriedCount()).isEqualTo(4);
    }

    @Test
    void unparseable_json_is_retried_and_five_failures_fail_the_call_with_the_reason() {
        discourse.on("/posts.json", json("{\"latest_posts\":[{\"id\":1"), json(503, "down"));

        assertThatThrownBy(() -> source.latestPosts(account, null)).isInstanceOf(SourceException.class)
                .hasMessageContaining("GET /posts.json").hasMessageContaining("HTTP 503").hasMessageContaining("5 tries");
        assertThat(discourse.count("/posts.json")).isEqualTo(5);
        assertThat(tally.retriedCount()).isEqualTo(4);
    }

    @Test
    void other_client_errors_are_never_retried() {
        discourse.on("/about.json", json(404, "{\"errors\":[\"The requested URL or resource could not be found.\"]}"));
        discourse.on("/site.json", json(422, "{\"errors\":[\"Something is invalid\"]}"));

        assertThatThrownBy(() -> source.stats(account)).isInstanceOf(SourceException.class).hasMessageContaining("404");
        assertThatThrownBy(() -> source.categories(account)).isInstanceOf(SourceException.class)
                .hasMessageContaining("Something is invalid");
        assertThat(discourse.seen()).hasSize(2);
        assertThat(tally.retriedCount()).isZero();
    }

    @Test
    void topic_lists_send_page_per_page_order_and_ascending_and_tell_more_from_more_topics_url() {
        discourse.on("/latest.json", json(SharedData.text("discourse_api__latest.json")));
        discourse.on("/c/5/l/latest.json",
                json(SharedData.text("discourse_api_docs__responses__topics_latest_topics_response.json")));

        TopicListPage latest = source.topics(account, new TopicListQuery(null, 2, 100, "created", true));
        TopicListPage category = source.topics(account, new TopicListQuery(5L, 0, 0, null, false));

        assertThat(latest.hasMore()).isTrue();
        assertThat(latest.topics()).hasSize(3);
        assertThat(category.hasMore()).isFalse();
        assertThat(discourse.seen().get(0).query()).isEqualTo("page=2&per_page=100&order=created&ascending=true");
        assertThat(discourse.seen().get(1).query()).isEqualTo("page=0");
    }

    @Test
    void latest_posts_pass_before() {
        discourse.on("/posts.json", json(SharedData.text("discourse_api__posts_before.json")));

        List<SourcePost> posts = source.latestPosts(account, 14L);

        assertThat(posts).extracting(SourcePost::id).containsExactly(14L, 10L, 2L);
        assertThat(discourse.seen().get(0).query()).isEqualTo("before=14");
    }

    @Test
    void a_deleted_or_missing_topic_is_empty() {
        discourse.on("/t/404.json", json(404, "{\"errors\":[\"not found\"],\"extras\":{\"html\":\"<html/>\"}}"));
        discourse.on("/t/410.json", json(410, "{\"errors\":[\"Oops! This topic has been deleted\"]}"));

        assertThat(source.topic(account, 404)).isEmpty();
        assertThat(source.topic(account, 410)).isEmpty();
        assertThat(discourse.seen()).hasSize(2);
    }

    @Test
    void a_topic_of_45_posts_returns_every_post_fetched_by_id_in_batches() throws Exception {
        List<Long> ids = LongStream.rangeClosed(1001, 1045).boxed().toList();
        discourse.on("/t/9.json", json(topicView(9, ids, ids.subList(0, 20), false)));
        discourse.on("/t/9/posts.json", request -> json(postsById(9, request.query())));

        Optional<TopicThread> thread = source.topic(account, 9);

        assertThat(thread).isPresent();
        assertThat(thread.get().posts()).extracting(SourcePost::id).containsExactlyElementsOf(ids);
        assertThat(thread.get().posts()).allSatisfy(post -> assertThat(post.raw()).startsWith("raw of"));
        assertThat(thread.get().topic().createdBy().username()).isEqualTo("op");
        assertThat(discourse.count("/t/9/posts.json")).isEqualTo(1);
        assertThat(discourse.seen().get(0).query()).isEqualTo("include_raw=1");
        assertThat(discourse.seen().get(1).query()).startsWith("include_raw=1&post_ids%5B%5D=1021&post_ids%5B%5D=1022");
    }

    @Test
    void smaller_batches_take_more_calls() throws Exception {
        camel.stop();
        camel = new DefaultCamelContext();
        DiscourseRoutes.install(camel, FAST.withPostIdsPerRequest(10));
        camel.start();
        source = new DiscourseCommunitySource(camel);
        List<Long> ids = LongStream.rangeClosed(1, 45).boxed().toList();
        discourse.on("/t/9.json", json(topicView(9, ids, ids.subList(0, 20), false)));
        discourse.on("/t/9/posts.json", request -> json(postsById(9, request.query())));

        assertThat(source.topic(account, 9).orElseThrow().posts()).hasSize(45);
        assertThat(discourse.count("/t/9/posts.json")).isEqualTo(3);
    }

    @Test
    void a_mega_topic_without_stream_is_read_through_post_ids() throws Exception {
        List<Long> ids = LongStream.rangeClosed(1, 130).boxed().toList();
        discourse.on("/t/3.json", json(topicView(3, null, ids.subList(0, 20), true)));
        discourse.on("/t/3/post_ids.json", json("{\"post_ids\":" + ids.subList(20, 130) + "}"));
        discourse.on("/t/3/posts.json", request -> json(postsById(3, request.query())));

        TopicThread thread = source.topic(account, 3).orElseThrow();

        assertThat(thread.posts()).extracting(SourcePost::id).containsExactlyElementsOf(ids);
        assertThat(discourse.seen().get(1).query()).isEqualTo("post_number=20");
        assertThat(discourse.count("/t/3/posts.json")).isEqualTo(3);
    }

    @Test
    void a_mega_topic_without_post_ids_is_paged_by_post_number() throws Exception {
        List<Long> ids = LongStream.rangeClosed(1, 50).boxed().toList();
        discourse.on("/t/4.json", json(topicView(4, null, ids.subList(0, 20), true)));
        discourse.on("/t/4/posts.json", request -> {
            int after = Integer.parseInt(request.query().replaceAll(".*post_number=(\\d+).*", "$1"));
            List<Long> page = ids.stream().filter(id -> id > after).limit(20).toList();
            return json(posts(4, page).toString());
        });

        TopicThread thread = source.topic(account, 4).orElseThrow();

        assertThat(thread.posts()).extracting(SourcePost::id).containsExactlyElementsOf(ids);
        assertThat(discourse.count("/t/4/post_ids.json")).isEqualTo(1);
        assertThat(discourse.count("/t/4/posts.json")).isEqualTo(3);
    }

    static String topicView(long topicId, List<Long> stream, List<Long> firstChunk, boolean mega) {
        ObjectNode view = posts(topicId, firstChunk);
        view.put("id", topicId).put("title", "Topic " + topicId).put("slug", "topic-" + topicId)
                .put("posts_count", mega ? 10_000 : stream.size()).put("category_id", 2).put("archetype", "regular");
        view.putObject("details").putObject("created_by").put("id", 1).put("username", "op");
        ObjectNode postStream = (ObjectNode) view.get("post_stream");
        if (mega) {
            postStream.put("isMegaTopic", true).put("lastId", 99);
        } else {
            ArrayNode ids = postStream.putArray("stream");
            stream.forEach(ids::add);
        }
        return view.toString();
    }

    static String postsById(long topicId, String query) {
        List<Long> ids = Arrays.stream(query.split("&")).filter(p -> p.startsWith("post_ids%5B%5D="))
                .map(p -> Long.parseLong(p.substring(p.indexOf('=') + 1))).collect(Collectors.toList());
        ObjectNode answer = posts(topicId, ids);
        answer.put("id", topicId);
        return answer.toString();
    }

    static ObjectNode posts(long topicId, List<Long> ids) {
        ObjectNode root = SharedData.JSON.createObjectNode();
        ArrayNode posts = root.putObject("post_stream").putArray("posts");
        for (Long id : ids) {
            posts.addObject().put("id", id).put("topic_id", topicId).put("post_number", id.intValue() % 1000)
                    .put("post_type", 1).put("raw", "raw of " + id).put("user_id", 1).put("username", "op")
                    .put("created_at", "2024-05-01T10:00:00.000Z").put("updated_at", "2024-05-01T10:00:00.000Z");
        }
        return root;
    }

}
