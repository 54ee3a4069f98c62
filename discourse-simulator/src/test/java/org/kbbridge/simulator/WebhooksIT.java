package org.kbbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Outgoing webhooks as a receiver sees them: Discourse's headers, signature, events and redeliveries. */
class WebhooksIT {
    record Received(Map<String, String> headers, String body) {
    }

    static DiscourseSimulator sim;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final String SECRET = "my_lovely_secret_for_web_hook";

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
            received.add(new Received(h, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
        sim = DiscourseSimulator.start(SimulatorConfig.defaults().size(20, 120));
        SimClient.parse(new SimClient(sim).send("POST", "/__sim/webhooks",
                "{\"urls\":[\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"],\"secret\":\"" + SECRET + "\"}").body());
    }

    @AfterAll
    static void stop() {
        sim.close();
        receiver.stop(0);
    }

    private static Received await(java.util.function.Predicate<Received> p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            for (Received r : received) {
                if (p.test(r)) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching webhook among " + received.size());
    }

    @Test
    void signature_matches_discourse_test_vector() {
        assertThat(Webhooks.signature(SECRET, "{\"ping\":\"OK\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6");
    }

    @Test
    void ping_arrives_signed_with_discourse_headers() throws Exception {
        new SimClient(sim).send("POST", "/__sim/webhooks/ping", "{}");
        Received r = await(x -> "ping".equals(x.headers().get("X-Discourse-Event-Type")));
        assertThat(r.body()).isEqualTo("{\"ping\":\"OK\"}");
        assertThat(r.headers().get("X-Discourse-Event-Signature")).isEqualTo("sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6");
        assertThat(r.headers().get("X-Discourse-Instance")).isEqualTo(sim.baseUrl());
        assertThat(r.headers().get("X-Discourse-Event-Id")).matches("\\d+");
    }

    @Test
    void first_post_edit_with_a_new_title_sends_topic_edited_not_post_edited() throws Exception {
        SimClient admin = new SimClient(sim);
        JsonNode created = admin.post("/posts.json", "{\"title\":\"Webhook topic that will be renamed\",\"raw\":\"First body long enough to pass.\",\"category\":2}");
        await(x -> "post_created".equals(x.headers().get("X-Discourse-Event")) && x.body().contains("\"id\":" + created.get("id").asInt() + ","));
        int before = received.size();
        admin.send("PUT", "/posts/" + created.get("id").asInt() + ".json", "{\"title\":\"Webhook topic after the rename\",\"post\":{\"raw\":\"Second body, also long enough.\"}}");
        Received edited = await(x -> "topic_edited".equals(x.headers().get("X-Discourse-Event")) && x.body().contains("after the rename"));
        assertThat(edited.headers().get("X-Discourse-Event-Type")).isEqualTo("topic");
        Thread.sleep(200);
        assertThat(received.subList(before, received.size())).noneMatch(x -> "post_edited".equals(x.headers().get("X-Discourse-Event")));
        String expected = Webhooks.signature(SECRET, edited.body().getBytes(StandardCharsets.UTF_8));
        assertThat(edited.headers().get("X-Discourse-Event-Signature")).isEqualTo(expected);

        int eventId = Integer.parseInt(edited.headers().get("X-Discourse-Event-Id"));
        admin.send("POST", "/__sim/webhooks/redeliver", "{\"event_id\":" + eventId + "}");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.stream().filter(x -> String.valueOf(eventId).equals(x.headers().get("X-Discourse-Event-Id"))).count() < 2 && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        List<Received> same = received.stream().filter(x -> String.valueOf(eventId).equals(x.headers().get("X-Discourse-Event-Id"))).toList();
        assertThat(same).hasSize(2);
        assertThat(same.get(1).body()).isEqualTo(same.get(0).body());
        assertThat(same.get(1).headers().get("X-Discourse-Event-Signature")).isEqualTo(same.get(0).headers().get("X-Discourse-Event-Signature"));
    }

    @Test
    void moving_a_post_sends_no_webhook_and_keeps_its_id() throws Exception {
        SimClient admin = new SimClient(sim);
        JsonNode a = admin.post("/posts.json", "{\"title\":\"Source topic for a post move\",\"raw\":\"Source first post long enough.\",\"category\":2}");
        JsonNode b = admin.post("/posts.json", "{\"title\":\"Target topic for a post move\",\"raw\":\"Target first post long enough.\",\"category\":2}");
        JsonNode reply = admin.post("/posts.json", "{\"topic_id\":" + a.get("topic_id").asInt() + ",\"raw\":\"A reply that will move elsewhere.\"}");
        await(x -> x.body().contains("A reply that will move elsewhere."));
        int before = received.size();
        JsonNode moved = admin.post("/__sim/mutate", "{\"op\":\"move_post\",\"post_id\":" + reply.get("id").asInt() + ",\"to_topic_id\":" + b.get("topic_id").asInt() + "}");
        assertThat(moved.at("/results/0/post_id").asInt()).isEqualTo(reply.get("id").asInt());
        JsonNode single = admin.json("/posts/" + reply.get("id").asInt() + ".json");
        assertThat(single.get("topic_id").asInt()).isEqualTo(b.get("topic_id").asInt());
        Thread.sleep(200);
        assertThat(received.size()).isEqualTo(before);
    }
}
