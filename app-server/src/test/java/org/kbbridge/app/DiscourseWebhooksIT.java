package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kbbridge.adapter.discourse.DiscourseClientSettings;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.sync.ChangeEvent;
import org.kbbridge.domain.sync.ChangeOp;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.Post;
import org.kbbridge.simulator.SimulatorConfig;
import org.kbbridge.simulator.Webhooks;

/**
 * Discourse webhooks into the store (SPEC 3.5) over real HTTP: the simulator posts its events to our endpoint and
 * every change to the forum shows in the unified API without a sync run, at the cost of targeted topic re-reads only;
 * forged deliveries change nothing, and redeliveries apply nothing twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscourseWebhooksIT {

    private static final String ADMIN = "kba_webhooks-it-admin-0123456789abcdef";
    private static final String SECRET = "kb-webhooks-it-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dataDir;
    private DiscourseSimulator forum;
    private KbBridge bridge;
    private String base;
    private long account;
    private long unsignedAccount;
    private int user;
    private int category;

    @BeforeAll
    void start() throws IOException {
        forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(12, 60).seed(11));
        forum.limits().adminPerWindow = 100_000;
        dataDir = Files.createTempDirectory("kb-webhooks-it");
        int port = TestPorts.free();
        bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dataDir.toString(), "--http-port",
                Integer.toString(port), "--admin-token", ADMIN, "--allow-private-hosts", "true")), true,
                DiscourseClientSettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(100)));
        base = "http://127.0.0.1:" + port;
        account = bridge.accounts().register(new RegisterAccountCommand("webhooks", forum.baseUrl(), forum.apiKey(),
                forum.apiUsername(), KeyKind.GLOBAL, 10_000, SECRET, SyncSettings.defaults(), true)).id();
        unsignedAccount = bridge.accounts().register(new RegisterAccountCommand("no secret", forum.baseUrl(),
                forum.apiKey(), forum.apiUsername(), KeyKind.GLOBAL, 10_000, null, SyncSettings.defaults(), true))
                .id();
        var run = bridge.starter().startSync(new StartSyncCommand(account, SyncMode.FULL));
        assertThat(bridge.runner().runSync(run.id()).status()).isEqualTo(SyncStatus.SUCCEEDED);
        JsonNode page = forum.truth(false).get("pages").get(0);
        category = page.get("collection").get("id").asInt();
        user = page.get("created_by").get("id").asInt();
        forum.webhooks().urls.add(base + "/webhooks/discourse/" + account);
        forum.webhooks().secret = SECRET;
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

    @Test
    void every_change_to_the_forum_shows_in_the_unified_api_without_a_sync() {
        forum.stats().reset();
        int runs = bridge.store().syncRuns().list(account, 1000).size();

        Post first = forum.forum().newTopic(user, "Webhooks bring this topic in at once", "Does the bridge see "
                + "this without waiting for the next sync?", category, List.of());
        String topic = Integer.toString(first.topicId);
        await("the new page", () -> get("pages/" + topic), a -> a.status == 200);
        await("the new page's content", () -> get("page-content/" + first.id), a -> a.status == 200
                && a.json().path("body").path("content").asText().contains("next sync"));

        Post reply = forum.forum().reply(first.topicId, user, "Yes: the post_created event carries the post.", null,
                Post.REGULAR);
        await("the reply", () -> get("comments/" + reply.id), a -> a.status == 200
                && a.json().path("body").path("content").asText().contains("carries the post"));

        forum.forum().editFirstPostAndTopic(first.id, "Edited: the first post and the title at once.",
                "Webhooks bring this edited topic in at once");
        await("the edited title (topic_edited, not post_edited)", () -> get("pages/" + topic),
                a -> a.json().path("title").asText().equals("Webhooks bring this edited topic in at once"));
        await("the edited first post", () -> get("page-content/" + first.id),
                a -> a.json().path("body").path("content").asText().startsWith("Edited:"));

        forum.forum().trashPost(reply.id);
        await("the trashed reply gone", () -> get("comments/" + reply.id),
                a -> a.status == 404 || a.json().path("status").asText().equals("deleted"));
        assertThat(changes()).as("a delete in the change feed").anyMatch(e -> e.id().equals(Integer.toString(
                reply.id)) && e.op() == ChangeOp.DELETE);

        Post whisper = forum.forum().reply(first.topicId, user, "Staff only: a whisper never reaches the KB.", null,
                Post.WHISPER);
        Post answer = forum.forum().reply(first.topicId, user, "The accepted answer: yes, at once.", null,
                Post.REGULAR);
        forum.forum().acceptAnswer(answer.id, false);
        await("the accepted answer", () -> get("pages/" + topic),
                a -> a.json().path("accepted_answer").path("id").asText().equals(Integer.toString(answer.id)));
        assertThat(get("comments/" + answer.id).json().path("is_accepted_answer").asBoolean()).isTrue();

        Post pm = forum.forum().newPrivateMessage(user, "A private message never reaches the KB",
                "Only between the two of us, please.", List.of(-1));
        awaitDelivered();

        assertThat(get("comments/" + whisper.id).status).as("a whisper is never stored").isEqualTo(404);
        assertThat(get("pages/" + pm.topicId).status).as("a private message is never stored").isEqualTo(404);
        assertThat(get("page-content/" + pm.id).status).isEqualTo(404);
        assertThat(UnifiedSnapshot.diff(forum.truth(false), UnifiedSnapshot.of(bridge.store().knowledgeReader(),
                account))).as("the store equals the forum").isEmpty();
        assertThat(bridge.store().syncRuns().list(account, 1000)).as("no sync ran").hasSize(runs);
        JsonNode stats = forum.stats().toJson().path("by_endpoint");
        List<String> endpoints = new ArrayList<>();
        stats.fieldNames().forEachRemaining(endpoints::add);
        assertThat(endpoints).as("only targeted re-reads of one topic (and the forum's categories and tags)")
                .allMatch(e -> e.equals("GET /t/{id}.json") || e.equals("GET /t/{id}/posts.json")
                        || e.startsWith("GET /site") || e.startsWith("GET /tags"));
        assertThat(forum.stats().count("GET /t/{id}.json")).as("the reply and the trash cost nothing")
                .isLessThanOrEqualTo(4);
    }

    @Test
    void a_forged_or_unsigned_delivery_is_refused_and_changes_nothing() {
        List<ChangeEvent> before = changes();
        String body = "{\"post\":{\"id\":999001,\"topic_id\":" + forum.truth(false).get("pages").get(0).get("id")
                .asText() + ",\"post_number\":2,\"post_type\":1,\"raw\":\"forged\",\"cooked\":\"<p>forged</p>\"}}";
        Answer forged = deliver(account, "forged-1", "post", "post_created", body,
                Webhooks.signature("not-the-account-secret", body.getBytes(StandardCharsets.UTF_8)));
        assertThat(forged.status).as(forged.body).isEqualTo(401);
        assertThat(forged.json().path("error").asText()).isEqualTo("unauthorized");
        Answer unsigned = deliver(account, "forged-2", "post", "post_created", body, null);
        assertThat(unsigned.status).isEqualTo(401);
        Answer tampered = deliver(account, "forged-3", "post", "post_created", body.replace("forged", "tampered"),
                Webhooks.signature(SECRET, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(tampered.status).isEqualTo(401);
        Answer noSecret = deliver(unsignedAccount, "forged-4", "post", "post_created", body,
                Webhooks.signature(SECRET, body.getBytes(StandardCharsets.UTF_8)));
        assertThat(noSecret.status).as(noSecret.body).isEqualTo(401);
        assertThat(noSecret.json().path("message").asText()).contains("no webhook_secret");
        assertThat(deliver(999_999, "forged-5", "post", "post_created", body, null).status).isEqualTo(404);
        assertThat(get("comments/999001").status).isEqualTo(404);
        assertThat(changes()).isEqualTo(before);

        String ping = "{\"ping\":\"OK\"}";
        Answer pong = deliver(account, "77", "ping", null, ping,
                Webhooks.signature(SECRET, ping.getBytes(StandardCharsets.UTF_8)));
        assertThat(pong.status).isEqualTo(200);
        OpenApiCheck document = new OpenApiCheck(send(HttpRequest.newBuilder(URI.create(base + "/openapi.json")).GET())
                .json());
        String path = "/webhooks/discourse/{integrated_account_id}";
        assertThat(document.problems("POST", path, 200, pong.json())).isEmpty();
        assertThat(document.problems("POST", path, 401, forged.json())).isEmpty();
        assertThat(document.problems("POST", path, 404, JSON.createObjectNode().put("status_code", 404)
                .put("error", "not_found").put("message", "integrated account 999999 does not exist"))).isEmpty();
        String notJson = "{\"post\": ";
        assertThat(deliver(account, "78", "post", "post_created", notJson,
                Webhooks.signature(SECRET, notJson.getBytes(StandardCharsets.UTF_8))).status).isEqualTo(400);
    }

    @Test
    void a_redelivery_with_the_same_event_id_applies_nothing_twice() {
        JsonNode page = forum.truth(false).get("pages").get(1);
        int topicId = page.get("id").asInt();
        Post reply = forum.forum().reply(topicId, user, "A reply whose event Discourse will redeliver.", null,
                Post.REGULAR);
        await("the reply", () -> get("comments/" + reply.id), a -> a.status == 200);
        forum.forum().editTopic(topicId, "A retitled topic whose event comes twice", null, null);
        await("the new title", () -> get("pages/" + topicId),
                a -> a.json().path("title").asText().equals("A retitled topic whose event comes twice"));
        awaitDelivered();
        int created = lastEvent("post_created");
        int edited = lastEvent("topic_edited");
        forum.forum().editPost(reply.id, "The reply as it reads now, after its event was sent.");
        await("the edited reply", () -> get("comments/" + reply.id),
                a -> a.json().path("body").path("content").asText().startsWith("The reply as it reads now"));
        awaitDelivered();
        List<ChangeEvent> before = changes();
        int delivered = forum.webhooks().deliveries().size();
        // a replay of the old post_created payload must not bring the old text back
        assertThat(forum.webhooks().redeliver(created)).isTrue();
        assertThat(forum.webhooks().redeliver(edited)).isTrue();
        await("the redeliveries", () -> new Answer(forum.webhooks().deliveries().size(), ""),
                a -> a.status >= delivered + 2);
        List<Webhooks.Delivery> all = forum.webhooks().deliveries();
        assertThat(all.subList(delivered, all.size())).extracting(Webhooks.Delivery::status).containsOnly(200);
        assertThat(changes()).as("the change feed did not move").isEqualTo(before);
        assertThat(get("comments/" + reply.id).json().path("body").path("content").asText())
                .startsWith("The reply as it reads now");
    }

    @Test
    void an_older_payload_arriving_late_under_a_new_event_id_does_not_bring_old_text_back() {
        int topicId = forum.truth(false).get("pages").get(2).get("id").asInt();
        Post reply = forum.forum().reply(topicId, user, "The first words of a reply that is edited at once.", null,
                Post.REGULAR);
        await("the reply", () -> get("comments/" + reply.id), a -> a.status == 200);
        awaitDelivered();
        byte[] oldPayload = forum.webhooks().deliveries().stream().filter(d -> d.eventId() == lastEvent("post_created"))
                .findFirst().orElseThrow().body();
        forum.forum().editPost(reply.id, "The reply as its author left it, written after the first words.");
        await("the edited reply", () -> get("comments/" + reply.id),
                a -> a.json().path("body").path("content").asText().startsWith("The reply as its author left it"));
        awaitDelivered();
        List<ChangeEvent> before = changes();

        // Discourse may deliver events out of order: the older payload comes last, with an event id of its own
        Answer late = deliver(account, "late-" + reply.id, "post", "post_edited",
                new String(oldPayload, StandardCharsets.UTF_8), Webhooks.signature(SECRET, oldPayload));

        assertThat(late.status).isEqualTo(200);
        assertThat(get("comments/" + reply.id).json().path("body").path("content").asText())
                .startsWith("The reply as its author left it");
        assertThat(changes()).as("the change feed did not move").isEqualTo(before);

        // a reply applied from its payload leaves the page's reply_count as it was until the topic's next re-read;
        // a topic event brings one, so the store is whole again for the other tests of this forum
        forum.forum().editTopic(topicId, "A topic whose reply came in twice, out of order", null, null);
        await("the re-read topic", () -> get("pages/" + topicId),
                a -> a.json().path("title").asText().equals("A topic whose reply came in twice, out of order"));
        awaitDelivered();
    }

    private int lastEvent(String name) {
        List<Webhooks.Delivery> all = forum.webhooks().deliveries();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (name.equals(all.get(i).headers().get("X-Discourse-Event"))) {
                return all.get(i).eventId();
            }
        }
        throw new AssertionError("no " + name + " was delivered");
    }

    private void awaitDelivered() {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            List<Webhooks.Delivery> all = forum.webhooks().deliveries();
            boolean queued = all.stream().anyMatch(d -> d.status() == 202);
            boolean settled = all.stream()
                    .filter(d -> d.status() == 202)
                    .allMatch(d -> bridge.store().receivedForumEvents().seen(account, Integer.toString(d.eventId())));
            if ((!queued || settled) && sentEverything()) {
                assertThat(all).extracting(Webhooks.Delivery::status).allMatch(s -> s == 200 || s == 202);
                return;
            }
            assertThat(System.nanoTime()).as("webhook deliveries settle").isLessThan(deadline);
            pause();
        }
    }

    /** The simulator sends on one thread; a ping queued behind everything tells when all before it went out. */
    private boolean sentEverything() {
        int size = forum.webhooks().deliveries().size();
        forum.webhooks().ping();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (forum.webhooks().deliveries().size() <= size) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            pause();
        }
        return true;
    }

    private List<ChangeEvent> changes() {
        List<ChangeEvent> all = new ArrayList<>();
        long after = 0;
        while (true) {
            List<ChangeEvent> events = bridge.store().changeLog().after(account, after, 500);
            if (events.isEmpty()) {
                return all;
            }
            all.addAll(events);
            after = events.get(events.size() - 1).seq();
        }
    }

    private Answer get(String resourceAndId) {
        String path = "/unified/knowledge-base/" + resourceAndId;
        path = path.contains("&") ? path.replaceFirst("&", "?integrated_account_id=" + account + "&")
                : path + "?integrated_account_id=" + account;
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN).GET());
    }

    private Answer deliver(long accountId, String eventId, String type, String event, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/webhooks/discourse/" + accountId))
                .header("Content-Type", "application/json")
                .header("X-Discourse-Event-Id", eventId)
                .header("X-Discourse-Event-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (event != null) {
            request.header("X-Discourse-Event", event);
        }
        if (signature != null) {
            request.header("X-Discourse-Event-Signature", signature);
        }
        return send(request);
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, java.util.function.Supplier<Answer> probe, Predicate<Answer> done) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Answer last = probe.get();
        while (!done.test(last)) {
            assertThat(System.nanoTime()).as(what + "; last answer " + last.status + " " + last.body)
                    .isLessThan(deadline);
            pause();
            last = probe.get();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
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
