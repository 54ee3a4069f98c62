package org.kbbridge.app.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kbbridge.domain.sync.ChangeEvent;
import org.kbbridge.domain.webhook.WebhookSignature;
import org.kbbridge.port.out.ChangeLog;
import org.kbbridge.port.out.WebhookSubscriptions;
import org.kbbridge.port.out.WebhookSubscriptions.Stream;

/**
 * Delivers the change feed to webhook subscriptions (SPEC 3.5): per subscription and account, up to 100 events a
 * POST ({@code {"events": [...]}}, signed in {@code X-KB-Signature}), in change-log order; the cursor moves only on a
 * 2xx, so every event arrives at least once and a later one never before an earlier one of its account. A failed
 * stream waits 1 s, doubling up to 5 min. Streams are leased in the database, so on several nodes one delivers each.
 *
 * <p>A scheduled executor rather than a Quartz job: a tick every half second is state Quartz would write to its
 * tables twice a second for nothing, and the lease already keeps the nodes from delivering a stream twice at once.
 */
public final class WebhookDispatcher implements AutoCloseable {

    static final int BATCH = 100;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Longer than one POST may take, so a lease never ends while its delivery is in flight. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class.getName());

    private final WebhookSubscriptions subscriptions;
    private final ChangeLog changeLog;
    private final ObjectMapper mapper;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "kb-webhook-out");
        t.setDaemon(true);
        return t;
    });

    public WebhookDispatcher(WebhookSubscriptions subscriptions, ChangeLog changeLog, ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.changeLog = changeLog;
        this.mapper = mapper;
    }

    public void start() {
        ticks.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: every due stream gets one delivery attempt. */
    void tick() {
        try {
            for (Stream stream : subscriptions.claimDue(LEASE, 50)) {
                deliver(stream);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webhook delivery round failed: " + e.getMessage());
        }
    }

    private void deliver(Stream stream) {
        List<ChangeEvent> events = changeLog.after(stream.accountId(), stream.lastDeliveredSeq(), BATCH);
        if (events.isEmpty()) {
            subscriptions.delivered(stream, stream.lastDeliveredSeq());
            return;
        }
        String failure;
        try {
            byte[] body = body(events);
            HttpRequest request = HttpRequest.newBuilder(URI.create(stream.url()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "kb-bridge")
                    .header("X-KB-Signature", WebhookSignature.sign(stream.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                subscriptions.delivered(stream, events.get(events.size() - 1).seq());
                return;
            }
            failure = "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Duration wait = backoff(stream.attempts());
        LOG.info("webhook subscription " + stream.subscriptionId() + " (account " + stream.accountId() + "): "
                + failure + "; next try in " + wait.toMillis() + " ms");
        subscriptions.failed(stream, wait, failure);
    }

    /** 1 s after the first failure, doubling, at most 5 min. */
    static Duration backoff(int failuresBefore) {
        int shift = Math.min(failuresBefore, 20);
        Duration wait = FIRST_BACKOFF.multipliedBy(1L << shift);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private byte[] body(List<ChangeEvent> events) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ChangeEvent e : events) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seq", e.seq());
            m.put("resource", e.resource().path());
            m.put("id", e.id());
            m.put("op", e.op().wire());
            m.put("at", e.at().toString());
            m.put("integrated_account_id", e.accountId());
            list.add(m);
        }
        return mapper.writeValueAsBytes(Map.of("events", list));
    }

    @Override
    public void close() {
        ticks.shutdownNow();
    }
}
