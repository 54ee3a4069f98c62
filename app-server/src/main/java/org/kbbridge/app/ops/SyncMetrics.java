package org.kbbridge.app.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.port.out.SourceObserver;
import org.kbbridge.port.out.SyncObserver;

/**
 * The Prometheus meters of SPEC 4, fed by the sync (through {@link SyncObserver}) and by every Discourse request
 * (through {@link SourceObserver}). The label {@code account} is the integrated account's id.
 */
public final class SyncMetrics implements SyncObserver, SourceObserver {

    /** Prometheus text exposition format 0.0.4, the one every Prometheus version scrapes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<Long, AtomicReference<Instant>> newest = new ConcurrentHashMap<>();
    private final Clock clock;

    public SyncMetrics() {
        this(Clock.systemUTC());
    }

    SyncMetrics(Clock clock) {
        this.clock = clock;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Everything, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public void answered(long accountId, String outcome) {
        Counter.builder("kb.discourse.requests").description("Requests sent to Discourse, by answer status")
                .tag("account", Long.toString(accountId)).tag("status", outcome).register(registry).increment();
    }

    @Override
    public void rateLimited(long accountId) {
        Counter.builder("kb.discourse.rate.limited").description("Discourse answers 429 (rate limited)")
                .tag("account", Long.toString(accountId)).register(registry).increment();
    }

    @Override
    public void retried(long accountId) {
        Counter.builder("kb.discourse.retries").description("Discourse requests retried after a 5xx or I/O error")
                .tag("account", Long.toString(accountId)).register(registry).increment();
    }

    @Override
    public void itemsWritten(long accountId, ResourceType resource, int created, int updated, int deleted) {
        items(accountId, resource, "created", created);
        items(accountId, resource, "updated", updated);
        items(accountId, resource, "deleted", deleted);
    }

    private void items(long accountId, ResourceType resource, String op, int count) {
        if (count > 0) {
            Counter.builder("kb.items.synced").description("Items the sync created, updated or deleted in the store")
                    .tag("account", Long.toString(accountId)).tag("resource", resource.path()).tag("op", op)
                    .register(registry).increment(count);
        }
    }

    @Override
    public void runFinished(long accountId, SyncMode mode, SyncStatus status, Duration took) {
        Timer.builder("kb.sync.run.duration").description("How long sync runs took")
                .tag("account", Long.toString(accountId)).tag("mode", mode.wire()).tag("status", status.wire())
                .register(registry).record(took);
    }

    @Override
    public void newestItemSeen(long accountId, Instant updatedAt) {
        newest.computeIfAbsent(accountId, id -> {
            AtomicReference<Instant> holder = new AtomicReference<>(updatedAt);
            Gauge.builder("kb.sync.lag", holder, h -> lagSeconds(h.get()))
                    .description("Seconds from the newest synced item's updated_at to now").baseUnit("seconds")
                    .tag("account", Long.toString(id)).register(registry);
            return holder;
        }).accumulateAndGet(updatedAt, (a, b) -> b.isAfter(a) ? b : a);
    }

    /** Drops the meters of a removed account. */
    public void forget(long accountId) {
        String id = Long.toString(accountId);
        newest.remove(accountId);
        registry.getMeters().stream().filter(m -> id.equals(m.getId().getTag("account"))).toList()
                .forEach(registry::remove);
    }

    private double lagSeconds(Instant newestUpdate) {
        return Math.max(0, Duration.between(newestUpdate, clock.instant()).toMillis() / 1000.0);
    }
}
