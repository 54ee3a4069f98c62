package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Outgoing webhooks with Discourse's headers; every delivery is stored so it can be redelivered unchanged. */
public final class Webhooks implements Forum.Listener {
    public record Delivery(int eventId, String url, Map<String, String> headers, byte[] body, int status) {
    }

    public final List<String> urls = new CopyOnWriteArrayList<>();
    public volatile String secret;
    private final Forum forum;
    private final Views views;
    private final String instance;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<Integer, List<Delivery>> byEvent = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sim-webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Webhooks(Forum forum, Views views, String instance) {
        this.forum = forum;
        this.views = views;
        this.instance = instance;
    }

    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            StringBuilder sb = new StringBuilder("sha256=");
            for (byte b : mac.doFinal(body)) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void onEvent(String eventType, String eventName, int id) {
        if (urls.isEmpty()) {
            return;
        }
        ObjectNode body = Json.obj();
        forum.lock.readLock().lock();
        try {
            if (eventType.equals("topic")) {
                Topic t = forum.topic(id);
                if (t == null) {
                    return;
                }
                body.set("topic", views.topicWebhookPayload(t));
            } else {
                Post p = forum.post(id);
                if (p == null) {
                    return;
                }
                body.set(eventType, views.post(p, new Viewer(forum.user(-1)), Views.PostMode.WEBHOOK, true));
            }
        } finally {
            forum.lock.readLock().unlock();
        }
        send(eventType, eventName, Json.bytes(body));
    }

    /** Sends a ping event, as Discourse's "Ping" button does. */
    public void ping() {
        send("ping", null, "{\"ping\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private void send(String eventType, String eventName, byte[] body) {
        int eventId = nextId.getAndIncrement();
        for (String url : urls) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Content-Type", "application/json");
            h.put("User-Agent", "Discourse/3.5.0.beta1-sim");
            h.put("X-Discourse-Instance", instance);
            h.put("X-Discourse-Event-Id", String.valueOf(eventId));
            h.put("X-Discourse-Event-Type", eventType);
            if (eventName != null) {
                h.put("X-Discourse-Event", eventName);
            }
            if (secret != null && !secret.isEmpty()) {
                h.put("X-Discourse-Event-Signature", signature(secret, body));
            }
            sender.submit(() -> deliver(eventId, url, h, body));
        }
    }

    private void deliver(int eventId, String url, Map<String, String> headers, byte[] body) {
        int status;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            status = client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            status = 0;
        }
        Delivery d = new Delivery(eventId, url, headers, body, status);
        deliveries.add(d);
        byEvent.computeIfAbsent(eventId, k -> new CopyOnWriteArrayList<>()).add(d);
    }

    /** Re-posts a stored event with the same headers (same event id and signature); false if unknown. */
    public boolean redeliver(int eventId) {
        List<Delivery> ds = byEvent.get(eventId);
        if (ds == null || ds.isEmpty()) {
            return false;
        }
        for (Delivery d : new ArrayList<>(ds)) {
            sender.submit(() -> deliver(d.eventId(), d.url(), d.headers(), d.body()));
        }
        return true;
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    ObjectNode toJson() {
        ObjectNode o = Json.obj();
        ArrayNode u = o.putArray("urls");
        urls.forEach(u::add);
        o.put("secret_set", secret != null);
        ArrayNode ev = o.putArray("deliveries");
        for (Delivery d : deliveries) {
            ObjectNode x = ev.addObject();
            x.put("event_id", d.eventId());
            x.put("url", d.url());
            x.put("event_type", d.headers().get("X-Discourse-Event-Type"));
            x.put("event", d.headers().get("X-Discourse-Event"));
            x.put("status", d.status());
        }
        return o;
    }

    void close() {
        sender.shutdownNow();
    }
}
