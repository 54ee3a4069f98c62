package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kbbridge.adapter.discourse.DiscourseClientSettings;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.Faults;
import org.kbbridge.simulator.Post;
import org.kbbridge.simulator.SimulatorConfig;
import org.kbbridge.simulator.Topic;
import org.kbbridge.simulator.User;

/**
 * Writes through the unified API (SPEC 3.3) against the simulator over real HTTP: each write lands in the forum and
 * in the store at once, refusals keep Discourse's words, and retries, parallel repeats, lost answers and a burst
 * under faults never make a second post.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WritesAgainstSimulatorIT {

    private static final String ADMIN = "kba_writes-it-admin-0123456789abcdef";
    private static final String PAGES = "/unified/knowledge-base/pages";
    private static final String COMMENTS = "/unified/knowledge-base/comments";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dataDir;
    private DiscourseSimulator forum;
    private KbBridge bridge;
    private String base;
    private long account;
    private long otherAccount;
    private String writeToken;
    private String readToken;
    private long category;
    private long page;
    private final AtomicInteger unique = new AtomicInteger();

    @BeforeAll
    void start() throws IOException {
        forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(20, 120).seed(5));
        forum.limits().adminPerWindow = 100_000;
        dataDir = Files.createTempDirectory("kb-writes-it");
        int port = TestPorts.free();
        bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dataDir.toString(), "--http-port",
                Integer.toString(port), "--admin-token", ADMIN, "--allow-private-hosts", "true")), true,
                DiscourseClientSettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .withRateLimitWaits(Duration.ofMillis(500), Duration.ofSeconds(10)));
        base = "http://127.0.0.1:" + port;
        account = register("writes", forum.apiUsername());
        otherAccount = register("someone else's", forum.apiUsername());
        writeToken = token(account, "read_write");
        readToken = token(account, "read");
        var run = bridge.starter().startSync(new StartSyncCommand(account, SyncMode.FULL));
        assertThat(bridge.runner().runSync(run.id()).status()).isEqualTo(SyncStatus.SUCCEEDED);
        JsonNode truth = forum.truth(false);
        page = truth.get("pages").get(0).get("id").asLong();
        category = truth.get("pages").get(0).get("collection").get("id").asLong();
    }

    @AfterAll
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (forum != null) {
            forum.close();
        }
    }

    @AfterEach
    void calm() {
        forum.faults().configure(0, null, 1);
        forum.switches().approvalRequired = false;
    }

    @Test
    void each_write_lands_in_the_forum_and_in_the_unified_api_at_once() {
        Answer created = call("POST", PAGES, writeToken, null, json("integrated_account_id", account,
                "collection_id", Long.toString(category), "title", "How do I export my data as CSV?",
                "body", "I need the monthly report as a CSV file for our finance team.",
                "tags", List.of("Data Export", "howto")));
        assertThat(created.status).as(created.body).isEqualTo(201);
        long topicId = created.json().get("id").asLong();
        Topic topic = forum.forum().topic((int) topicId);
        assertThat(topic.title).isEqualTo("How do I export my data as CSV?");
        assertThat(created.json().get("tags")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(
                topic.tags);
        assertThat(topic.tags).contains("data-export");
        assertThat(created.json().get("tags_not_applied")).extracting(JsonNode::asText).containsExactly("Data Export");
        assertThat(get(PAGES + "/" + topicId).json().get("title").asText()).isEqualTo(topic.title);
        assertThat(get("/unified/knowledge-base/page-content?page_id=" + topicId).json().get("result").get(0)
                .get("body").get("content").asText()).contains("finance team");
        assertThat(changes(ResourceType.PAGE)).as("the change feed has the new page").contains(Long.toString(topicId));

        Answer reply = call("POST", COMMENTS, writeToken, null, json("integrated_account_id", account,
                "page_id", Long.toString(topicId), "body", "Settings → Reports → Export gives you a CSV."));
        assertThat(reply.status).as(reply.body).isEqualTo(201);
        long replyId = reply.json().get("id").asLong();
        assertThat(reply.json().get("parent").get("type").asText()).isEqualTo("page");
        Answer nested = call("POST", COMMENTS, writeToken, null, json("integrated_account_id", account,
                "page_id", Long.toString(topicId), "parent_id", Long.toString(replyId),
                "body", "Thanks, and the scheduled export does it every month."));
        assertThat(nested.status).as(nested.body).isEqualTo(201);
        Post nestedPost = forum.forum().post(nested.json().get("id").asInt());
        assertThat(nestedPost.replyToPostNumber).isEqualTo(forum.forum().post((int) replyId).postNumber);
        assertThat(nested.json().get("parent").get("id").asText()).isEqualTo(Long.toString(replyId));
        assertThat(nested.json().get("parent").get("type").asText()).isEqualTo("comment");

        Answer patched = call("PATCH", PAGES + "/" + topicId + "?integrated_account_id=" + account, writeToken, null,
                json("title", "How do I export my reports as CSV?", "tags", List.of("howto")));
        assertThat(patched.status).as(patched.body).isEqualTo(200);
        assertThat(forum.forum().topic((int) topicId).title).isEqualTo("How do I export my reports as CSV?");
        assertThat(forum.forum().topic((int) topicId).tags).containsExactly("howto");
        assertThat(patched.json().get("tags_not_applied")).isEmpty();
        assertThat(get(PAGES + "/" + topicId).json().get("title").asText())
                .isEqualTo("How do I export my reports as CSV?");

        Answer edited = call("PATCH", COMMENTS + "/" + replyId + "?integrated_account_id=" + account, writeToken,
                null, json("body", "Settings → Reports → Export, then choose CSV."));
        assertThat(edited.status).as(edited.body).isEqualTo(200);
        assertThat(forum.forum().post((int) replyId).raw).isEqualTo("Settings → Reports → Export, then choose CSV.");
        assertThat(get(COMMENTS + "/" + replyId).json().get("body").get("content").asText())
                .isEqualTo("Settings → Reports → Export, then choose CSV.");

        Answer deleted = call("DELETE", COMMENTS + "/" + nested.json().get("id").asText() + "?integrated_account_id="
                + account, writeToken, null, null);
        assertThat(deleted.status).as(deleted.body).isEqualTo(204);
        assertThat(forum.forum().post((int) nestedPost.id).deletedAt).isNotNull();
        assertThat(get(COMMENTS + "/" + nestedPost.id).json().get("status").asText()).isEqualTo("deleted");

        assertThat(UnifiedSnapshot.diff(forum.truth(false), UnifiedSnapshot.of(bridge.store().knowledgeReader(),
                account))).isEmpty();

        OpenApiCheck document = new OpenApiCheck(call("GET", "/openapi.json", null, null, null).json());
        assertThat(document.problems("POST", PAGES, 201, created.json())).isEmpty();
        assertThat(document.problems("PATCH", PAGES + "/{id}", 200, patched.json())).isEmpty();
        assertThat(document.problems("POST", COMMENTS, 201, nested.json())).isEmpty();
        assertThat(document.problems("PATCH", COMMENTS + "/{id}", 200, edited.json())).isEmpty();
    }

    @Test
    void discourse_refusals_come_back_with_discourses_own_message_and_nothing_is_written() {
        int posts = forum.forum().postsById().size();
        Answer tooShort = call("POST", PAGES, writeToken, null, json("integrated_account_id", account,
                "collection_id", Long.toString(category), "title", "Short", "body",
                "A body that is long enough for Discourse to take."));
        assertThat(tooShort.status).isEqualTo(422);
        assertThat(tooShort.json().get("message").asText()).contains("Title is too short (minimum is 15 characters)");
        assertThat(forum.forum().postsById()).hasSize(posts);

        Answer unknownPage = call("POST", COMMENTS, writeToken, null, json("integrated_account_id", account,
                "page_id", "999999", "body", "A reply to a page that is not there."));
        assertThat(unknownPage.status).isEqualTo(422);
        assertThat(unknownPage.json().get("message").asText()).contains("page_id 999999");

        Answer badBody = call("POST", COMMENTS, writeToken, null, "{\"integrated_account_id\": " + account
                + ", \"page_id\": \"" + page + "\", \"body\": 12}");
        assertThat(badBody.status).isEqualTo(400);
        assertThat(badBody.json().get("message").asText()).contains("body must be a string");
        assertThat(forum.forum().postsById()).hasSize(posts);
    }

    @Test
    void a_post_queued_for_approval_answers_202_pending_approval() {
        User member = forum.forum().users().stream().filter(u -> !u.staff() && u.id > 0).findFirst().orElseThrow();
        long memberAccount = register("as a member", member.username);
        var run = bridge.starter().startSync(new StartSyncCommand(memberAccount, SyncMode.FULL));
        assertThat(bridge.runner().runSync(run.id()).status()).isEqualTo(SyncStatus.SUCCEEDED);
        forum.switches().approvalRequired = true;
        int posts = forum.forum().postsById().size();
        Answer queued = call("POST", COMMENTS, ADMIN, null, json("integrated_account_id", memberAccount,
                "page_id", Long.toString(page), "body", "A reply from a member that a moderator must approve."));
        assertThat(queued.status).as(queued.body).isEqualTo(202);
        assertThat(queued.json().get("status").asText()).isEqualTo("pending_approval");
        assertThat(forum.forum().postsById()).hasSize(posts);
    }

    @Test
    void read_tokens_may_not_write_and_other_tenants_accounts_do_not_exist() {
        Answer read = call("POST", COMMENTS, readToken, null, json("integrated_account_id", account,
                "page_id", Long.toString(page), "body", "A reply from a token that may only read."));
        assertThat(read.status).isEqualTo(403);
        Answer other = call("POST", COMMENTS, writeToken, null, json("integrated_account_id", otherAccount,
                "page_id", Long.toString(page), "body", "A reply into an account outside the token."));
        assertThat(other.status).isEqualTo(404);
        Answer otherPatch = call("PATCH", PAGES + "/" + page + "?integrated_account_id=" + otherAccount, writeToken,
                null, json("title", "A title for a page that is not ours"));
        assertThat(otherPatch.status).isEqualTo(404);
    }

    @Test
    void a_repeat_with_the_same_key_returns_the_first_answer_and_another_body_is_refused() {
        String key = UUID.randomUUID().toString();
        String body = json("integrated_account_id", account, "page_id", Long.toString(page),
                "body", "Reply number " + unique.incrementAndGet() + ", sent twice by an impatient client.");
        Answer first = call("POST", COMMENTS, writeToken, key, body);
        Answer again = call("POST", COMMENTS, writeToken, key, body);
        assertThat(first.status).as(first.body).isEqualTo(201);
        assertThat(again.status).isEqualTo(201);
        assertThat(again.body).isEqualTo(first.body);
        assertThat(postsWithRaw(JSON_body(body))).isEqualTo(1);

        Answer otherBody = call("POST", COMMENTS, writeToken, key, json("integrated_account_id", account,
                "page_id", Long.toString(page), "body", "A different reply under the same idempotency key."));
        assertThat(otherBody.status).isEqualTo(422);
        assertThat(otherBody.json().get("message").asText()).contains("Idempotency-Key");
    }

    @Test
    void parallel_identical_requests_create_one_post() throws Exception {
        String key = UUID.randomUUID().toString();
        String raw = "Reply number " + unique.incrementAndGet() + ", sent by eight threads at once.";
        String body = json("integrated_account_id", account, "page_id", Long.toString(page), "body", raw);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return call("POST", COMMENTS, writeToken, key, body);
            }));
        }
        go.countDown();
        Set<String> bodies = ConcurrentHashMap.newKeySet();
        for (Future<Answer> answer : answers) {
            Answer a = answer.get();
            assertThat(a.status).as(a.body).isEqualTo(201);
            bodies.add(a.body);
        }
        pool.shutdown();
        assertThat(bodies).as("every thread got the first answer").hasSize(1);
        assertThat(postsWithRaw(raw)).isEqualTo(1);
    }

    @Test
    void an_answer_lost_after_the_post_was_created_is_found_instead_of_posted_again() {
        String raw = "Reply number " + unique.incrementAndGet() + ", whose answer never arrives.";
        forum.stats().reset();
        faultOnNextRequestOnly("slow");
        Answer created = call("POST", COMMENTS, writeToken, null, json("integrated_account_id", account,
                "page_id", Long.toString(page), "body", raw));
        assertThat(created.status).as(created.body).isEqualTo(201);
        assertThat(postsWithRaw(raw)).isEqualTo(1);
        awaitCounted("POST /posts.json");
        assertThat(forum.stats().count("POST /posts.json")).as("the lost create was looked for, not re-sent")
                .isEqualTo(1);
        assertThat(get(COMMENTS + "/" + created.json().get("id").asText()).status).isEqualTo(200);
    }

    @Test
    void a_client_retrying_a_key_whose_answer_was_lost_gets_the_post_that_landed() {
        String key = UUID.randomUUID().toString();
        String title = "Lost answer, topic " + unique.incrementAndGet() + " of the day";
        String body = json("integrated_account_id", account, "collection_id", Long.toString(category),
                "title", title, "body", "Every answer is slower than the client waits for it.");
        forum.faults().slowMillis = 1500;
        forum.faults().configure(1.0, List.of("slow"), 3);
        forum.stats().reset();
        Answer lost = call("POST", PAGES, writeToken, key, body);
        assertThat(lost.status).as(lost.body).isEqualTo(502);
        assertThat(lost.json().get("message").asText()).contains("Retry with the same Idempotency-Key");
        forum.faults().configure(0, null, 1);
        assertThat(topicsTitled(title)).as("the first try landed").isEqualTo(1);

        Answer retried = call("POST", PAGES, writeToken, key, body);
        assertThat(retried.status).as(retried.body).isEqualTo(201);
        assertThat(retried.json().get("title").asText()).isEqualTo(title);
        assertThat(topicsTitled(title)).isEqualTo(1);
        assertThat(forum.stats().count("POST /posts.json")).as("the retry looked before it wrote").isEqualTo(1);
        assertThat(call("POST", PAGES, writeToken, key, body).body).isEqualTo(retried.body);
    }

    @Test
    void a_burst_of_200_writes_under_faults_writes_each_once_and_ends_equal_to_the_forum() throws Exception {
        List<Long> pages = new ArrayList<>();
        forum.truth(false).get("pages").forEach(p -> pages.add(p.get("id").asLong()));
        List<Long> comments = Collections.synchronizedList(new ArrayList<>());
        forum.truth(false).get("comments").forEach(c -> comments.add(c.get("id").asLong()));
        forum.faults().rateLimitWaitSeconds = 1;
        forum.faults().slowMillis = 100;
        forum.faults().timeoutMillis = 2000;
        forum.faults().configure(0.1, Faults.ALL_KINDS, 42);

        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        List<String> createdRaws = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            done.add(pool.submit((Callable<Void>) () -> {
                Random pick = new Random(n);
                long target = pages.get(pick.nextInt(pages.size()));
                String raw = "Burst write " + n + ": a reply long enough for Discourse to accept it.";
                String method;
                String path;
                String body;
                switch (n % 5) {
                    case 0 -> {
                        method = "POST";
                        path = PAGES;
                        raw = "Burst page " + n + ": a question long enough for Discourse.";
                        body = json("integrated_account_id", account, "collection_id", Long.toString(category),
                                "title", "Burst question number " + n + " about exports", "body", raw);
                    }
                    case 1, 2 -> {
                        method = "POST";
                        path = COMMENTS;
                        body = json("integrated_account_id", account, "page_id", Long.toString(target), "body", raw);
                    }
                    case 3 -> {
                        method = "PATCH";
                        path = PAGES + "/" + target + "?integrated_account_id=" + account;
                        body = json("title", "Edited title number " + n + " of the burst");
                        raw = null;
                    }
                    default -> {
                        long comment = comments.get(pick.nextInt(comments.size()));
                        method = "PATCH";
                        path = COMMENTS + "/" + comment + "?integrated_account_id=" + account;
                        body = json("body", raw);
                        raw = null;
                    }
                }
                String key = "burst-" + n;
                Answer answer = null;
                for (int attempt = 0; attempt < 6; attempt++) {
                    answer = call(method, path, writeToken, key, body);
                    if (answer.status < 500 && answer.status != 409) {
                        break;
                    }
                }
                outcomes.merge(Integer.toString(answer.status), 1, Integer::sum);
                if (answer.status >= 300) {
                    assertThat(answer.json().get("message").asText()).as("a failure says why").isNotBlank();
                    failures.add(method + " " + path + " -> " + answer.status + " " + answer.body);
                } else if (raw != null) {
                    createdRaws.add(raw);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        forum.faults().configure(0, null, 1);

        assertThat(outcomes.getOrDefault("201", 0) + outcomes.getOrDefault("200", 0))
                .as("outcomes %s, failures %s", outcomes, failures).isGreaterThanOrEqualTo(190);
        for (String raw : createdRaws) {
            assertThat(postsWithRaw(raw)).as(raw).isEqualTo(1);
        }
        for (int n = 0; n < 200; n++) {
            String raw = n % 5 == 0 ? "Burst page " + n + ": a question long enough for Discourse."
                    : "Burst write " + n + ": a reply long enough for Discourse to accept it.";
            assertThat(postsWithRaw(raw)).as("no duplicate of %s", raw).isLessThanOrEqualTo(1);
        }
        assertThat(UnifiedSnapshot.diff(forum.truth(false), UnifiedSnapshot.of(bridge.store().knowledgeReader(),
                account))).isEmpty();
    }

    /** Picks a fault seed whose first draw injects {@code kind} and whose next dozen draw nothing. */
    private void faultOnNextRequestOnly(String kind) {
        double rate = 0.5;
        for (long seed = 1; seed < 1_000_000; seed++) {
            Random random = new Random(seed);
            boolean first = random.nextDouble() < rate;
            random.nextInt(1);
            boolean quiet = true;
            for (int i = 0; i < 12 && quiet; i++) {
                quiet = random.nextDouble() >= rate;
            }
            if (first && quiet) {
                forum.faults().slowMillis = 1500;
                forum.faults().configure(rate, List.of(kind), seed);
                return;
            }
        }
        throw new IllegalStateException("no seed found");
    }

    /** The simulator counts a slow answer when it is finally sent, after the client gave up on it. */
    private void awaitCounted(String route) {
        for (int i = 0; i < 100 && forum.stats().count(route) == 0; i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<String> changes(ResourceType resource) {
        List<String> ids = new ArrayList<>();
        long after = 0;
        while (true) {
            var events = bridge.store().changeLog().after(account, after, 500);
            if (events.isEmpty()) {
                return ids;
            }
            for (var event : events) {
                if (event.resource() == resource) {
                    ids.add(event.id());
                }
                after = event.seq();
            }
        }
    }

    private long postsWithRaw(String raw) {
        return forum.forum().postsById().values().stream().filter(p -> raw.equals(p.raw) && p.deletedAt == null)
                .count();
    }

    private long topicsTitled(String title) {
        return forum.forum().topics().stream().filter(t -> title.equals(t.title) && !t.trashed()).count();
    }

    private static String JSON_body(String body) {
        try {
            return JSON.readTree(body).get("body").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long register(String name, String username) {
        IntegratedAccount created = bridge.accounts().register(new RegisterAccountCommand(name, forum.baseUrl(),
                forum.apiKey(), username, KeyKind.GLOBAL, 10_000, null, SyncSettings.defaults(), true));
        return created.id();
    }

    private String token(long accountId, String access) {
        Answer answer = call("POST", "/admin/tokens", ADMIN, null,
                "{\"integrated_account_ids\": [" + accountId + "], \"access\": \"" + access + "\"}");
        assertThat(answer.status).as(answer.body).isEqualTo(201);
        return answer.json().get("token").asText();
    }

    private Answer get(String pathAndQuery) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        return call("GET", pathAndQuery + separator + "integrated_account_id=" + account, writeToken, null, null);
    }

    private static String json(Object... pairs) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return node.toString();
    }

    private Answer call(String method, String path, String token, String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
