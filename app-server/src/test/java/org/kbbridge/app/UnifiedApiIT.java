package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kbbridge.adapter.discourse.DiscourseClientSettings;
import org.kbbridge.app.ApiClient.Answer;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.SimulatorConfig;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API end to end: the server on a free port, embedded PostgreSQL, the simulator as Discourse. One forum is
 * synced once (full, then a reconcile after a topic and a reply were trashed); the tests read it over HTTP and compare
 * with the simulator's ground truth. The last tests change the forum.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnifiedApiIT {

    static final String ADMIN = "kba_it-admin-token-0123456789abcdef";
    static final String WEBHOOK_SECRET = "whsec-it-9f8e7d6c5b4a";
    static final String SEARCH_WORD = "zqxjvplonk";
    static final Map<String, String> RESOURCES = new LinkedHashMap<>();

    static {
        RESOURCES.put("collections", "collections");
        RESOURCES.put("pages", "pages");
        RESOURCES.put("page-content", "page_content");
        RESOURCES.put("comments", "comments");
        RESOURCES.put("tags", "tags");
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    Path dataDir;
    DiscourseSimulator forum;
    KbBridge bridge;
    ApiClient api;
    long accountA;
    long accountB;
    long accountBadKey;
    String readA;
    String writeA;
    String readB;
    JsonNode truthBeforeTrash;
    JsonNode truth;
    final Set<String> searchPages = new TreeSet<>();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final List<String> julLines = new CopyOnWriteArrayList<>();
    final Handler julHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            julLines.add(record.getMessage() + " " + record.getParameters() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    Level rootLevel;

    @BeforeAll
    void start() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("org.kbbridge")).setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
        java.util.logging.Logger.getLogger("").addHandler(julHandler);

        forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(40, 400).seed(5));
        forum.limits().adminPerWindow = 100_000;
        JsonNode initial = forum.truth(false);
        int user = initial.get("pages").get(0).get("created_by").get("id").asInt();
        int category = initial.get("pages").get(0).get("collection").get("id").asInt();
        searchPages.add(Integer.toString(forum.forum().newTopic(user, "Calibrating the " + SEARCH_WORD
                + " module after an upgrade", "Which steps are needed after the upgrade, in which order?", category,
                List.of()).topicId));
        searchPages.add(Integer.toString(forum.forum().newTopic(user, "Dashboard widget keeps resetting itself",
                "Every restart resets the " + SEARCH_WORD + " setting to its default value.", category,
                List.of()).topicId));

        dataDir = Files.createTempDirectory("kb-api-it");
        int port = TestPorts.free();
        bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dataDir.toString(), "--http-port",
                Integer.toString(port), "--admin-token", ADMIN, "--allow-private-hosts", "true")), true,
                DiscourseClientSettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
                        .withRateLimitWaits(Duration.ofMillis(200), Duration.ofSeconds(30)));
        api = new ApiClient("http://127.0.0.1:" + port);

        accountA = register("forum A", forum.apiKey(), "");
        accountB = register("forum B", forum.apiKey(), "");
        accountBadKey = register("forum with a revoked key", "revoked-key-0000", "?validate=false");
        readA = token(accountA, "read");
        writeA = token(accountA, "read_write");
        readB = token(accountB, "read");

        assertThat(sync(accountA, "full")).isEqualTo("succeeded");
        truthBeforeTrash = forum.truth(false);
        JsonNode pages = truthBeforeTrash.get("pages");
        forum.forum().trashTopic(pages.get(3).get("id").asInt());
        int busy = pages.get(4).get("id").asInt();
        for (JsonNode c : truthBeforeTrash.get("comments")) {
            if (c.get("page").get("id").asInt() == busy) {
                forum.forum().trashPost(c.get("id").asInt());
                break;
            }
        }
        assertThat(sync(accountA, "reconcile")).isEqualTo("succeeded");
        truth = forum.truth(false);
    }

    @AfterAll
    void stop() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        ((Logger) LoggerFactory.getLogger("org.kbbridge")).setLevel(Level.INFO);
        java.util.logging.Logger.getLogger("").removeHandler(julHandler);
        if (bridge != null) {
            bridge.close();
        }
        if (forum != null) {
            forum.close();
        }
    }

    @Test
    @Order(1)
    void walking_every_resource_with_next_cursor_returns_exactly_the_ground_truth() {
        ObjectNode ours = MAPPER.createObjectNode();
        for (Map.Entry<String, String> r : RESOURCES.entrySet()) {
            ArrayNode items = ours.putArray(r.getValue());
            walk(r.getKey(), "&limit=37", readA).forEach(items::add);
        }
        assertThat(UnifiedSnapshot.diff(truth, ours)).as("differences from the simulator's ground truth").isEmpty();
        for (Map.Entry<String, String> r : RESOURCES.entrySet()) {
            assertThat(ours.get(r.getValue()).size()).as(r.getKey()).isEqualTo(truth.get(r.getValue()).size())
                    .isPositive();
        }
    }

    @Test
    @Order(2)
    void each_filter_returns_exactly_its_subset_of_the_truth() {
        for (String resource : List.of("comments", "page-content")) {
            JsonNode all = truth.get(RESOURCES.get(resource));
            List<Instant> times = new ArrayList<>();
            all.forEach(n -> times.add(Instant.parse(n.get("updated_at").asText())));
            times.sort(null);
            Instant median = times.get(times.size() / 2);
            assertThat(ids(walk(resource, "&updated_after=" + median, readA))).as("%s updated_after", resource)
                    .isEqualTo(ids(all, n -> Instant.parse(n.get("updated_at").asText()).isAfter(median)))
                    .isNotEmpty();
        }

        Map<String, String> parents = new LinkedHashMap<>();
        truth.get("collections").forEach(c -> parents.put(c.get("id").asText(),
                c.get("parent").isNull() ? null : c.get("parent").get("id").asText()));
        String withChildren = parents.values().stream().filter(p -> p != null).findFirst().orElseThrow(
                () -> new AssertionError("the seeded forum has subcategories"));
        Set<String> subtree = new HashSet<>(Set.of(withChildren));
        for (boolean grew = true; grew; ) {
            grew = false;
            for (Map.Entry<String, String> e : parents.entrySet()) {
                if (e.getValue() != null && subtree.contains(e.getValue()) && subtree.add(e.getKey())) {
                    grew = true;
                }
            }
        }
        assertThat(subtree).hasSizeGreaterThan(1);
        Set<String> inTree = ids(truth.get("pages"), p -> subtree.contains(p.get("collection").get("id").asText()));
        assertThat(ids(walk("pages", "&collection_id=" + withChildren, readA))).as("collection_id with subcategories")
                .isEqualTo(inTree)
                .containsAll(ids(truth.get("pages"), p -> !p.get("collection").get("id").asText()
                        .equals(withChildren) && subtree.contains(p.get("collection").get("id").asText())));

        String page = truth.get("comments").get(0).get("page").get("id").asText();
        assertThat(ids(walk("comments", "&page_id=" + page, readA))).as("comments page_id")
                .isEqualTo(ids(truth.get("comments"), c -> c.get("page").get("id").asText().equals(page)))
                .isNotEmpty();
        assertThat(ids(walk("page-content", "&page_id=" + page, readA))).as("page-content page_id")
                .isEqualTo(ids(truth.get("page_content"), c -> c.get("page").get("id").asText().equals(page)))
                .hasSize(1);

        String tag = null;
        for (JsonNode t : truth.get("tags")) {
            if (t.get("page_count").asInt() > 1) {
                tag = t.get("id").asText();
                break;
            }
        }
        String chosen = tag;
        assertThat(chosen).as("a tag on several pages").isNotNull();
        assertThat(ids(walk("pages", "&tag=" + enc(chosen), readA))).as("tag")
                .isEqualTo(ids(truth.get("pages"), p -> {
                    for (JsonNode t : p.get("tags")) {
                        if (t.asText().equals(chosen)) {
                            return true;
                        }
                    }
                    return false;
                }));

        assertThat(ids(walk("pages", "&q=" + SEARCH_WORD, readA))).as("q: the word in a title, or in a first post")
                .isEqualTo(searchPages);
        assertThat(ids(walk("pages", "&q=" + enc(SEARCH_WORD + " upgrade"), readA))).as("q: every word must match")
                .hasSize(1);

        for (Map.Entry<String, String> r : RESOURCES.entrySet()) {
            Set<String> tombstones = new TreeSet<>(ids(truthBeforeTrash.get(r.getValue()), n -> true));
            tombstones.removeAll(ids(truth.get(r.getValue()), n -> true));
            List<JsonNode> withDeleted = walk(r.getKey(), "&include_deleted=true", readA);
            Set<String> live = ids(truth.get(r.getValue()), n -> true);
            assertThat(ids(withDeleted)).as("%s include_deleted: the live items and the tombstones", r.getKey())
                    .containsAll(live).containsAll(tombstones);
            for (JsonNode n : withDeleted) {
                // the store also keeps tombstones of what was never knowledge (unlisted topics, whispers, PMs)
                assertThat(n.get("status").asText()).as("%s/%s status", r.getKey(), n.get("id").asText())
                        .isEqualTo(!live.contains(n.get("id").asText()) ? "deleted"
                                : r.getKey().equals("pages") ? n.get("status").asText() : "active");
            }
            if (r.getKey().equals("pages") || r.getKey().equals("comments")) {
                assertThat(tombstones).as("%s tombstones", r.getKey()).isNotEmpty();
            }
        }
    }

    @Test
    @Order(3)
    void bodies_come_in_each_format_and_remote_data_only_when_asked() throws Exception {
        JsonNode comment = truth.get("comments").get(5);
        String id = comment.get("id").asText();
        String cooked = discourse("/posts/" + id + ".json").get("cooked").asText();
        String base = "/unified/knowledge-base/comments/" + id + "?integrated_account_id=" + accountA;
        JsonNode markdown = api.get(base, readA).json();
        assertThat(markdown.get("body").get("format").asText()).isEqualTo("markdown");
        assertThat(markdown.get("body").get("content").asText()).isEqualTo(comment.get("body").get("content").asText());
        JsonNode html = api.get(base + "&format=html", readA).json();
        assertThat(html.get("body").get("content").asText()).isEqualTo(cooked);
        String plain = api.get(base + "&format=plaintext", readA).json().get("body").get("content").asText();
        assertThat(plain).doesNotContain("<", "&amp;", "&lt;", "&quot;", "&#39;");
        assertThat(plain.replaceAll("\\s+", " ").strip()).isEqualTo(Jsoup.parse(cooked).text().replace('\u00a0', ' ')
                .replaceAll("\\s+", " ").strip());
        List<JsonNode> htmlPage = walk("page-content", "&format=html&limit=100", readA);
        assertThat(htmlPage).allSatisfy(n -> assertThat(n.get("body").get("format").asText()).isEqualTo("html"));

        assertThat(markdown.has("remote_data")).isFalse();
        for (String resource : RESOURCES.keySet()) {
            Answer list = api.get("/unified/knowledge-base/" + resource + "?integrated_account_id=" + accountA
                    + "&limit=5&include_remote_data=true", readA);
            assertThat(list.json().get("result")).allSatisfy(n -> {
                assertThat(n.get("remote_data").isObject()).as("%s remote_data", resource).isTrue();
                String key = resource.equals("tags") ? "name" : "id";
                String remoteId = n.get("remote_data").has(key) ? n.get("remote_data").get(key).asText()
                        : n.get("remote_data").get("id").asText();
                assertThat(remoteId).as("%s remote_data is the Discourse object", resource)
                        .isEqualTo(n.get("id").asText());
            });
        }
    }

    @Test
    @Order(4)
    void get_by_id_returns_the_listed_object_and_404_for_an_unknown_id() {
        for (Map.Entry<String, String> r : RESOURCES.entrySet()) {
            JsonNode listed = api.get("/unified/knowledge-base/" + r.getKey() + "?integrated_account_id=" + accountA
                    + "&limit=1", readA).json().get("result").get(0);
            String id = listed.get("id").asText();
            Answer got = api.get("/unified/knowledge-base/" + r.getKey() + "/" + enc(id) + "?integrated_account_id="
                    + accountA, readA);
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.json()).isEqualTo(listed);
            String unknown = r.getKey().equals("tags") ? "no-such-tag-anywhere" : "999999999";
            Answer missing = api.get("/unified/knowledge-base/" + r.getKey() + "/" + unknown
                    + "?integrated_account_id=" + accountA, readA);
            assertError(missing, 404, "not_found");
        }
    }

    @Test
    @Order(5)
    void a_tenant_token_sees_only_its_accounts_and_never_the_admin_api() {
        String page = truth.get("pages").get(0).get("id").asText();
        List<String> onB = List.of(
                "/unified/knowledge-base/pages?integrated_account_id=" + accountB,
                "/unified/knowledge-base/pages/" + page + "?integrated_account_id=" + accountB,
                "/unified/knowledge-base/tags?integrated_account_id=" + accountB,
                "/unified/knowledge-base/changes?integrated_account_id=" + accountB,
                "/proxy/" + accountB + "/latest.json",
                "/unified/knowledge-base/pages?integrated_account_id=424242");
        for (String path : onB) {
            assertError(api.get(path, readA), 404, "not_found");
            assertError(api.get(path, writeA), 404, "not_found");
        }
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            assertError(api.call(method, "/proxy/" + accountB + "/posts.json", writeA, "{}"), 404, "not_found");
            assertError(api.call(method, "/proxy/" + accountA + "/posts.json", readA, "{}"), 403, "forbidden");
        }
        assertThat(api.get("/unified/knowledge-base/pages?integrated_account_id=" + accountB, readB).status())
                .isEqualTo(200);
        assertThat(api.get("/unified/knowledge-base/pages?integrated_account_id=" + accountA, readA).status())
                .isEqualTo(200);
        for (String[] admin : new String[][] {{"GET", "/admin/integrated-accounts"},
            {"GET", "/admin/integrated-accounts/" + accountA}, {"POST", "/admin/integrated-accounts/" + accountA
                + "/sync"}, {"GET", "/admin/sync-runs"}, {"POST", "/admin/tokens"},
            {"DELETE", "/admin/integrated-accounts/" + accountA}, {"PATCH", "/admin/integrated-accounts/" + accountA}}) {
            assertError(api.call(admin[0], admin[1], writeA, "{}"), 403, "forbidden");
            assertError(api.call(admin[0], admin[1], null, "{}"), 401, "unauthorized");
            assertError(api.call(admin[0], admin[1], "kba_not-a-token", "{}"), 401, "unauthorized");
        }
        assertError(api.get("/unified/knowledge-base/pages?integrated_account_id=" + accountA, null), 401,
                "unauthorized");
        assertError(api.get("/unified/knowledge-base/pages?integrated_account_id=" + accountA, "kbt_forged"), 401,
                "unauthorized");
        assertError(api.get("/proxy/" + accountA + "/latest.json", null), 401, "unauthorized");
    }

    @Test
    @Order(6)
    void the_change_feed_lists_every_change_once_in_order() {
        List<JsonNode> changes = new ArrayList<>();
        String cursor = null;
        for (int round = 0; round < 10_000; round++) {
            JsonNode page = api.get("/unified/knowledge-base/changes?integrated_account_id=" + accountA + "&limit=100"
                    + (cursor == null ? "" : "&next_cursor=" + cursor), readA).json();
            assertThat(page.get("result_count").asInt()).isEqualTo(page.get("result").size());
            assertThat(page.get("next_cursor").isTextual()).as("the feed always gives a cursor to poll with").isTrue();
            if (page.get("result").isEmpty()) {
                assertThat(page.get("next_cursor").asText()).as("caught up: the same position").isEqualTo(cursor);
                break;
            }
            page.get("result").forEach(changes::add);
            cursor = page.get("next_cursor").asText();
        }
        long last = 0;
        Set<String> upserted = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        for (JsonNode c : changes) {
            assertThat(c.get("seq").asLong()).isGreaterThan(last);
            last = c.get("seq").asLong();
            assertThat(c.get("op").asText()).isIn("upsert", "delete");
            Instant.parse(c.get("at").asText());
            String key = c.get("resource").asText() + "/" + c.get("id").asText();
            (c.get("op").asText().equals("upsert") ? upserted : deleted).add(key);
        }
        for (Map.Entry<String, String> r : RESOURCES.entrySet()) {
            for (String id : ids(truth.get(r.getValue()), n -> true)) {
                assertThat(upserted).contains(r.getKey() + "/" + id);
            }
            Set<String> tombstones = new TreeSet<>(ids(truthBeforeTrash.get(r.getValue()), n -> true));
            tombstones.removeAll(ids(truth.get(r.getValue()), n -> true));
            tombstones.forEach(id -> assertThat(deleted).contains(r.getKey() + "/" + id));
        }
        String tampered = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");
        assertError(api.get("/unified/knowledge-base/changes?integrated_account_id=" + accountA + "&next_cursor="
                + tampered, readA), 400, "bad_request");
        assertError(api.get("/unified/knowledge-base/changes?integrated_account_id=" + accountB + "&next_cursor="
                + cursor, ADMIN), 400, "bad_request");
        assertThat(api.get("/unified/knowledge-base/changes?integrated_account_id=" + accountB, readB).json()
                .get("result_count").asInt()).as("account B never synced").isZero();
    }

    @Test
    @Order(7)
    void proxied_answers_are_byte_identical_to_discourse() throws Exception {
        String topic = truth.get("pages").get(1).get("id").asText();
        long before = Long.parseLong(truth.get("comments").get(10).get("id").asText());
        for (String path : List.of("/latest.json", "/t/" + topic + ".json", "/posts.json?before=" + before,
                "/site.json", "/tags.json", "/t/999999999.json", "/no/such/path.json",
                "/t/" + topic + "/posts.json?post_ids%5B%5D=" + before + "&post_ids[]=" + (before - 1))) {
            HttpResponse<byte[]> direct = discourseRaw(path, forum.apiKey());
            Answer proxied = api.get("/proxy/" + accountA + path, readA);
            assertThat(proxied.status()).as(path).isEqualTo(direct.statusCode());
            assertThat(proxied.contentType()).as(path).isEqualTo(direct.headers().firstValue("Content-Type")
                    .orElse(null));
            assertThat(proxied.bytes()).as(path).isEqualTo(direct.body());
        }
        HttpResponse<byte[]> refused = discourseRaw("/latest.json", "revoked-key-0000");
        assertThat(refused.statusCode()).isEqualTo(403);
        Answer proxiedRefusal = api.get("/proxy/" + accountBadKey + "/latest.json", ADMIN);
        assertThat(proxiedRefusal.status()).isEqualTo(403);
        assertThat(proxiedRefusal.bytes()).isEqualTo(refused.body());
        assertThat(proxiedRefusal.contentType()).isEqualTo(refused.headers().firstValue("Content-Type").orElse(null));

        Answer notPermitted = api.call("PUT", "/proxy/" + accountA + "/t/" + topic + ".json", writeA,
                "{\"title\":\"x\"}");
        assertThat(notPermitted.status()).as("Discourse's own refusal passes through").isBetween(400, 499);
        assertError(api.get("/proxy/" + accountA + "/../admin/users.json", readA), 400, "bad_request");
        assertError(api.get("/proxy/abc/latest.json", readA), 400, "bad_request");
        assertError(api.get("/proxy/" + accountA, readA), 400, "bad_request");
    }

    @Test
    @Order(8)
    void unknown_paths_and_wrong_methods_answer_in_the_error_model() {
        assertError(api.get("/nothing/here", readA), 404, "not_found");
        assertError(api.get("/unified/knowledge-base/pages/1/extra?integrated_account_id=" + accountA, readA), 404,
                "not_found");
        assertError(api.call("DELETE", "/unified/knowledge-base/pages?integrated_account_id=" + accountA, ADMIN,
                null), 405, "method_not_allowed");
        assertError(api.call("PUT", "/admin/integrated-accounts", ADMIN, "{}"), 405, "method_not_allowed");
        assertError(api.call("POST", "/health", null, "{}"), 405, "method_not_allowed");
        assertThat(api.get("/openapi.json", null).json().get("openapi").asText()).startsWith("3.");
    }

    @Test
    @Order(9)
    void a_battery_of_malformed_requests_gets_a_clear_4xx_and_writes_nothing() throws Exception {
        Map<String, Long> before = MalformedRequests.rowCounts(bridge);
        List<MalformedRequests.Case> cases = MalformedRequests.cases(accountA, accountB, readA, writeA, ADMIN,
                api.get("/unified/knowledge-base/pages?integrated_account_id=" + accountA + "&limit=2", readA).json()
                        .get("next_cursor").asText(),
                api.get("/unified/knowledge-base/comments?integrated_account_id=" + accountA + "&limit=2", readA)
                        .json().get("next_cursor").asText());
        assertThat(cases.size()).isGreaterThanOrEqualTo(100);
        List<String> problems = new ArrayList<>();
        for (MalformedRequests.Case c : cases) {
            Answer a = api.call(c.method(), c.path(), c.token(), c.body(), c.body() == null ? null : c.contentType());
            String why = c.method() + " " + c.path() + " -> " + a.status() + " " + a.body();
            if (a.status() < 400 || a.status() >= 500) {
                problems.add("not a 4xx: " + why);
                continue;
            }
            if (c.expectedStatus() != 0 && a.status() != c.expectedStatus()) {
                problems.add("expected " + c.expectedStatus() + ": " + why);
            }
            JsonNode json;
            try {
                json = MAPPER.readTree(a.bytes());
            } catch (Exception e) {
                problems.add("not JSON: " + why);
                continue;
            }
            if (json == null || json.path("status_code").asInt() != a.status() || !json.path("error").isTextual()
                    || json.path("message").asText().length() < 15) {
                problems.add("not the error model: " + why);
            } else if (c.hint() != null && !json.path("message").asText().contains(c.hint())) {
                problems.add("message does not name '" + c.hint() + "': " + why);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(MalformedRequests.rowCounts(bridge)).as("nothing written").isEqualTo(before);
    }

    @Test
    @Order(10)
    void every_documented_answer_validates_against_the_openapi_document() {
        OpenApiCheck check = new OpenApiCheck(api.get("/openapi.json", null).json());
        String page = truth.get("pages").get(0).get("id").asText();
        String comment = truth.get("comments").get(0).get("id").asText();
        String tag = truth.get("tags").get(0).get("id").asText();
        String q = "?integrated_account_id=" + accountA;
        List<String[]> calls = new ArrayList<>();
        for (String r : RESOURCES.keySet()) {
            calls.add(new String[] {"GET", "/unified/knowledge-base/{resource}", "/unified/knowledge-base/" + r + q
                    + "&limit=3&include_remote_data=true", readA});
            calls.add(new String[] {"GET", "/unified/knowledge-base/{resource}", "/unified/knowledge-base/" + r + q
                    + "&include_deleted=true&limit=100", readA});
        }
        calls.add(new String[] {"GET", "/unified/knowledge-base/{resource}/{id}", "/unified/knowledge-base/pages/"
                + page + q, readA});
        calls.add(new String[] {"GET", "/unified/knowledge-base/{resource}/{id}", "/unified/knowledge-base/comments/"
                + comment + q + "&format=html", readA});
        calls.add(new String[] {"GET", "/unified/knowledge-base/{resource}/{id}", "/unified/knowledge-base/tags/"
                + enc(tag) + q, readA});
        calls.add(new String[] {"GET", "/unified/knowledge-base/{resource}/{id}", "/unified/knowledge-base/pages/1"
                + q, readA});
        calls.add(new String[] {"GET", "/unified/knowledge-base/{resource}", "/unified/knowledge-base/pages" + q
                + "&limit=0", readA});
        calls.add(new String[] {"GET", "/unified/knowledge-base/{resource}", "/unified/knowledge-base/pages" + q,
            null});
        calls.add(new String[] {"GET", "/unified/knowledge-base/changes", "/unified/knowledge-base/changes" + q
                + "&limit=5", readA});
        calls.add(new String[] {"GET", "/admin/integrated-accounts", "/admin/integrated-accounts", ADMIN});
        calls.add(new String[] {"GET", "/admin/integrated-accounts/{id}", "/admin/integrated-accounts/" + accountA,
            ADMIN});
        calls.add(new String[] {"GET", "/admin/integrated-accounts/{id}", "/admin/integrated-accounts/99999", ADMIN});
        calls.add(new String[] {"GET", "/admin/integrated-accounts", "/admin/integrated-accounts", readA});
        calls.add(new String[] {"GET", "/admin/sync-runs", "/admin/sync-runs?integrated_account_id=" + accountA,
            ADMIN});
        calls.add(new String[] {"GET", "/health", "/health", null});
        for (String[] c : calls) {
            Answer a = api.call(c[0], c[2], c[3], null, null);
            assertThat(check.problems(c[0], c[1], a.status(), a.json())).as("%s %s -> %s", c[0], c[2], a.status())
                    .isEmpty();
        }
        Answer created = api.call("POST", "/admin/integrated-accounts?validate=false", ADMIN,
                "{\"name\":\"schema check\",\"base_url\":\"" + forum.baseUrl() + "\",\"api_key\":\"k\","
                        + "\"api_username\":\"system\",\"key_kind\":\"global\"}");
        assertThat(check.problems("POST", "/admin/integrated-accounts", created.status(), created.json())).isEmpty();
        long id = created.json().get("id").asLong();
        Answer patched = api.call("PATCH", "/admin/integrated-accounts/" + id + "?validate=false", ADMIN,
                "{\"name\":\"schema check 2\"}");
        assertThat(check.problems("PATCH", "/admin/integrated-accounts/{id}", patched.status(), patched.json()))
                .isEmpty();
        Answer token = api.call("POST", "/admin/tokens", ADMIN, "{\"integrated_account_ids\":[" + id
                + "],\"access\":\"read\"}");
        assertThat(check.problems("POST", "/admin/tokens", token.status(), token.json())).isEmpty();
        Answer bad = api.call("POST", "/admin/integrated-accounts/" + id + "/sync", ADMIN, "{\"mode\":\"sideways\"}");
        assertThat(check.problems("POST", "/admin/integrated-accounts/{id}/sync", bad.status(), bad.json())).isEmpty();
        Answer run = api.call("GET", "/admin/sync-runs?limit=1", ADMIN, null, null);
        assertThat(check.problems("GET", "/admin/sync-runs", run.status(), run.json())).isEmpty();
        long runId = run.json().get("result").get(0).get("id").asLong();
        Answer oneRun = api.get("/admin/sync-runs/" + runId, ADMIN);
        assertThat(check.problems("GET", "/admin/sync-runs/{id}", oneRun.status(), oneRun.json())).isEmpty();
        assertThat(api.call("DELETE", "/admin/integrated-accounts/" + id, ADMIN, null, null).status()).isEqualTo(204);
        assertThat(check.undocumentedStatuses()).as("answers seen that the document does not list").isEmpty();
    }

    @Test
    @Order(98)
    void a_walk_stays_exact_while_a_reconcile_writes() throws Exception {
        JsonNode pages = truth.get("pages");
        int user = pages.get(0).get("created_by").get("id").asInt();
        int category = pages.get(0).get("collection").get("id").asInt();
        List<Integer> newTopics = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newTopics.add(forum.forum().newTopic(user, "Fresh question number " + i + " about exports",
                    "Is there a way to export everything at once, including attachments?", category, List.of())
                    .topicId);
        }
        for (JsonNode c : truth.get("comments")) {
            if (c.get("id").asInt() % 7 == 0) {
                forum.forum().editPost(c.get("id").asInt(), "Edited while the walk runs: " + c.get("id").asText());
            }
        }
        forum.forum().trashTopic(pages.get(6).get("id").asInt());
        JsonNode after = forum.truth(false);
        Map<String, Set<String>> storedTombstones = new LinkedHashMap<>();
        for (String resource : List.of("pages", "comments")) {
            Set<String> dead = ids(walk(resource, "&include_deleted=true&limit=100", readA));
            dead.removeAll(ids(truth.get(RESOURCES.get(resource)), n -> true));
            storedTombstones.put(resource, dead);
        }

        Answer started = api.call("POST", "/admin/integrated-accounts/" + accountA + "/sync", ADMIN,
                "{\"mode\":\"reconcile\"}");
        assertThat(started.status()).isEqualTo(202);
        long runId = started.json().get("sync_run_id").asLong();
        Map<String, List<JsonNode>> walks = new LinkedHashMap<>();
        int walksDuringTheRun = 0;
        do {
            for (String resource : List.of("pages", "comments")) {
                walks.put(resource, walk(resource, "&limit=7", readA));
            }
            walksDuringTheRun++;
        } while (!runStatus(runId).equals("succeeded") && walksDuringTheRun < 50);
        for (String resource : List.of("pages", "comments")) {
            String key = RESOURCES.get(resource);
            Set<String> beforeIds = ids(truth.get(key), n -> true);
            Set<String> afterIds = ids(after.get(key), n -> true);
            Set<String> stable = new TreeSet<>(beforeIds);
            stable.retainAll(afterIds);
            Set<String> either = new TreeSet<>(beforeIds);
            either.addAll(afterIds);
            assertThat(ids(walks.get(resource))).as("%s: every item present throughout", resource)
                    .containsAll(stable);
            Set<String> revived = new TreeSet<>(ids(walks.get(resource)));
            revived.removeAll(either);
            assertThat(revived).as("%s: nothing that never was knowledge, except tombstones a running reconcile "
                    + "upserts before it judges them again", resource).isSubsetOf(storedTombstones.get(resource));
        }
        assertThat(awaitRun(runId)).isEqualTo("succeeded");
        ObjectNode ours = MAPPER.createObjectNode();
        for (Map.Entry<String, String> r : RESOURCES.entrySet()) {
            ArrayNode items = ours.putArray(r.getValue());
            walk(r.getKey(), "&limit=100", readA).forEach(items::add);
        }
        assertThat(UnifiedSnapshot.diff(after, ours)).isEmpty();
        assertThat(ids(ours.get("pages"), n -> true)).containsAll(newTopics.stream().map(String::valueOf).toList());
    }

    @Test
    @Order(99)
    void no_secret_appears_in_any_answer_or_log_line() {
        assertThat(api.answers).hasSizeGreaterThan(200);
        List<String> secrets = List.of(forum.apiKey(), ADMIN, WEBHOOK_SECRET, "revoked-key-0000");
        List<String> tokens = List.of(readA, writeA, readB);
        int tokenAnswers = 0;
        for (Answer a : api.answers) {
            String text = a.headers() + "\n" + a.body();
            for (String s : secrets) {
                assertThat(text).as("an answer").doesNotContain(s);
            }
            boolean issuesToken = a.status() == 201 && a.json().has("token");
            if (issuesToken) {
                tokenAnswers++;
            } else {
                for (String t : tokens) {
                    assertThat(text).as("an answer").doesNotContain(t);
                }
            }
        }
        assertThat(tokenAnswers).as("tokens are shown once, when they are created").isEqualTo(4);
        List<String> lines = new ArrayList<>(julLines);
        for (ILoggingEvent e : logs.list) {
            lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : " " + e.getThrowableProxy().getMessage()));
        }
        assertThat(lines).as("log lines were captured").isNotEmpty();
        for (String line : lines) {
            for (String s : secrets) {
                assertThat(line).doesNotContain(s);
            }
            for (String t : tokens) {
                assertThat(line).doesNotContain(t);
            }
        }
    }

    private long register(String name, String key, String query) {
        Answer a = api.call("POST", "/admin/integrated-accounts" + query, ADMIN, "{\"name\":\"" + name
                + "\",\"base_url\":\"" + forum.baseUrl() + "\",\"api_key\":\"" + key + "\",\"api_username\":\""
                + forum.apiUsername() + "\",\"key_kind\":\"global\",\"rate_limit_per_minute\":10000,"
                + "\"webhook_secret\":\"" + WEBHOOK_SECRET + "\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("id").asLong();
    }

    private String token(long account, String access) {
        Answer a = api.call("POST", "/admin/tokens", ADMIN, "{\"integrated_account_ids\":[" + account
                + "],\"access\":\"" + access + "\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return a.json().get("token").asText();
    }

    private String sync(long account, String mode) throws InterruptedException {
        Answer a = api.call("POST", "/admin/integrated-accounts/" + account + "/sync", ADMIN, "{\"mode\":\"" + mode
                + "\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        return awaitRun(a.json().get("sync_run_id").asLong());
    }

    private String runStatus(long runId) {
        return api.get("/admin/sync-runs/" + runId, ADMIN).json().get("status").asText();
    }

    private String awaitRun(long runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String status = runStatus(runId);
        while (Set.of("queued", "running").contains(status) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = runStatus(runId);
        }
        return status;
    }

    /** Every item of a list, page by page with next_cursor; an item served twice fails the test. */
    private List<JsonNode> walk(String resource, String params, String token) {
        List<JsonNode> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Answer a = api.get("/unified/knowledge-base/" + resource + "?integrated_account_id=" + accountA + params
                    + (cursor == null ? "" : "&next_cursor=" + cursor), token);
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonNode page = a.json();
            assertThat(page.get("result_count").asInt()).isEqualTo(page.get("result").size());
            for (JsonNode n : page.get("result")) {
                assertThat(seen.add(n.get("id").asText())).as("%s/%s served twice", resource, n.get("id")).isTrue();
                items.add(n);
            }
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        return items;
    }

    private JsonNode discourse(String path) throws Exception {
        return MAPPER.readTree(discourseRaw(path, forum.apiKey()).body());
    }

    private HttpResponse<byte[]> discourseRaw(String path, String key) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(forum.baseUrl() + path))
                .header("Api-Key", key).header("Api-Username", forum.apiUsername()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static void assertError(Answer a, int status, String error) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.contentType()).startsWith("application/json");
        JsonNode json = a.json();
        assertThat(json.get("status_code").asInt()).isEqualTo(status);
        assertThat(json.get("error").asText()).isEqualTo(error);
        assertThat(json.get("message").asText()).isNotBlank();
    }

    private static Set<String> ids(List<JsonNode> items) {
        Set<String> ids = new TreeSet<>();
        items.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    private static Set<String> ids(JsonNode items, Predicate<JsonNode> filter) {
        Set<String> ids = new TreeSet<>();
        items.forEach(n -> {
            if (filter.test(n)) {
                ids.add(n.get("id").asText());
            }
        });
        return ids;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
