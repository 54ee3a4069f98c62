package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.model.Tag;
import org.kbbridge.domain.sync.ChangeEvent;
import org.kbbridge.domain.webhook.WebhookSignature;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.out.ItemRef;
import org.kbbridge.port.out.SyncBatch;

/**
 * Outgoing webhooks (SPEC 3.5): a receiver that fails its first deliveries still gets every change event of its
 * account, in order, signed, with nothing skipped; another account's events never reach it; the secret is never shown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutgoingWebhooksIT {

    private static final String ADMIN = "kba_outgoing-it-admin-0123456789abcdef";
    private static final String SECRET = "kb-outgoing-it-secret-0123456789";
    private static final String SUBSCRIPTIONS = "/admin/webhook-subscriptions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FAILURES = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<JsonNode> accepted = new CopyOnWriteArrayList<>();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private Path dataDir;
    private KbBridge bridge;
    private HttpServer receiver;
    private String base;
    private String receiverUrl;
    private long accountA;
    private long accountB;

    @BeforeAll
    void start() throws IOException {
        dataDir = Files.createTempDirectory("kb-outgoing-it");
        int port = TestPorts.free();
        bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dataDir.toString(), "--http-port",
                Integer.toString(port), "--admin-token", ADMIN, "--allow-private-hosts", "true")), true);
        base = "http://127.0.0.1:" + port;
        accountA = register("A");
        accountB = register("B");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst("X-KB-Signature");
            if (!WebhookSignature.matches(SECRET, body, signature)) {
                badSignatures.add(signature);
            }
            int status = requests.incrementAndGet() <= FAILURES ? 503 : 200;
            if (status == 200) {
                accepted.add(JSON.readTree(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @AfterAll
    void stop() {
        if (receiver != null) {
            receiver.stop(0);
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void a_failing_receiver_gets_every_event_of_its_account_in_order_once_it_recovers() {
        Answer created = call("POST", SUBSCRIPTIONS, "{\"url\": \"" + receiverUrl + "\", \"secret\": \"" + SECRET
                + "\", \"integrated_account_ids\": [" + accountA + "]}");
        assertThat(created.status).as(created.body).isEqualTo(201);
        assertThat(created.body).doesNotContain(SECRET);
        Answer listed = call("GET", SUBSCRIPTIONS, null);
        assertThat(listed.status).isEqualTo(200);
        assertThat(listed.body).contains(receiverUrl).doesNotContain(SECRET);
        OpenApiCheck document = new OpenApiCheck(call("GET", "/openapi.json", null).json());
        assertThat(document.problems("POST", SUBSCRIPTIONS, 201, created.json())).isEmpty();
        assertThat(document.problems("GET", SUBSCRIPTIONS, 200, listed.json())).isEmpty();

        long before = lastSeq(accountA);
        for (int batch = 0; batch < 5; batch++) {
            List<Tag> tags = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                tags.add(new Tag("a-" + batch + "-" + i, null, null, null));
                write(accountB, new Tag("b-" + batch + "-" + i, null, null, null));
            }
            bridge.store().knowledgeWriter().write(accountA, new SyncBatch(null, List.copyOf(tags), List.of(), null));
        }
        bridge.store().knowledgeWriter().write(accountA, new SyncBatch(null, List.of(),
                List.of(new ItemRef(ResourceType.TAG, "a-0-0"), new ItemRef(ResourceType.TAG, "a-1-1")), null));
        List<Long> expected = new ArrayList<>();
        for (ChangeEvent e : all(accountA)) {
            if (e.seq() > before) {
                expected.add(e.seq());
            }
        }
        assertThat(expected).hasSize(252);

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (received().size() < expected.size()) {
            assertThat(System.nanoTime()).as("all events delivered; got " + received().size()).isLessThan(deadline);
            pause();
        }
        assertThat(requests.get()).as("the first deliveries failed and were retried").isGreaterThan(FAILURES);
        assertThat(received()).as("every event once, in order, nothing skipped").containsExactlyElementsOf(expected);
        assertThat(badSignatures).isEmpty();
        for (JsonNode body : accepted) {
            assertThat(body.get("events").size()).isBetween(1, 100);
            for (JsonNode event : body.get("events")) {
                assertThat(event.get("integrated_account_id").asLong()).as("never another account's events")
                        .isEqualTo(accountA);
                assertThat(event.get("resource").asText()).isEqualTo("tags");
                assertThat(event.get("op").asText()).isIn("upsert", "delete");
            }
        }
        JsonNode last = accepted.get(accepted.size() - 1).get("events");
        assertThat(last.get(last.size() - 1).get("op").asText()).isEqualTo("delete");

        String id = created.json().get("id").asText();
        assertThat(call("DELETE", SUBSCRIPTIONS + "/" + id, null).status).isEqualTo(204);
        assertThat(call("DELETE", SUBSCRIPTIONS + "/" + id, null).status).isEqualTo(404);
    }

    @Test
    void bad_subscriptions_are_refused_with_what_to_fix_and_nothing_is_stored() {
        int stored = bridge.store().webhookSubscriptions().all().size();
        Answer noSecret = call("POST", SUBSCRIPTIONS, "{\"url\": \"" + receiverUrl + "\"}");
        assertThat(noSecret.status).isEqualTo(400);
        assertThat(noSecret.json().get("message").asText()).contains("secret");
        Answer shortSecret = call("POST", SUBSCRIPTIONS, "{\"url\": \"" + receiverUrl + "\", \"secret\": \"short\"}");
        assertThat(shortSecret.status).isEqualTo(400);
        Answer badUrl = call("POST", SUBSCRIPTIONS, "{\"url\": \"ftp://example.com/x\", \"secret\": \"" + SECRET
                + "\"}");
        assertThat(badUrl.status).isEqualTo(400);
        assertThat(badUrl.json().get("message").asText()).contains("http");
        Answer unknownAccount = call("POST", SUBSCRIPTIONS, "{\"url\": \"" + receiverUrl + "\", \"secret\": \""
                + SECRET + "\", \"integrated_account_ids\": [987654]}");
        assertThat(unknownAccount.status).isEqualTo(422);
        Answer unknownField = call("POST", SUBSCRIPTIONS, "{\"url\": \"" + receiverUrl + "\", \"secret\": \""
                + SECRET + "\", \"events\": [\"pages\"]}");
        assertThat(unknownField.status).isEqualTo(400);
        assertThat(bridge.store().webhookSubscriptions().all()).hasSize(stored);
    }

    private List<Long> received() {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode body : accepted) {
            for (JsonNode event : body.get("events")) {
                seqs.add(event.get("seq").asLong());
            }
        }
        return seqs;
    }

    private void write(long account, Tag tag) {
        bridge.store().knowledgeWriter().write(account, new SyncBatch(null, List.of(tag), List.of(), null));
    }

    private long register(String name) {
        return bridge.accounts().register(new RegisterAccountCommand(name, "https://forum-" + name.toLowerCase()
                + ".example.com", "key-0123456789abcdef", "system", KeyKind.GLOBAL, 60, null,
                SyncSettings.defaults(), false)).id();
    }

    private long lastSeq(long account) {
        List<ChangeEvent> all = all(account);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    private List<ChangeEvent> all(long account) {
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

    private Answer call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
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

    private static void pause() {
        try {
            Thread.sleep(100);
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
