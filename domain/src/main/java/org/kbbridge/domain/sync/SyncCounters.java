package org.kbbridge.domain.sync;

/** What a sync run did, as shown in {@code GET /admin/sync-runs/{id}}. */
public record SyncCounters(
        long requests, long rateLimited, long retried, long created, long updated, long deleted, long unchanged) {

    public static final SyncCounters ZERO = new SyncCounters(0, 0, 0, 0, 0, 0, 0);

    public SyncCounters plus(SyncCounters o) {
        return new SyncCounters(requests + o.requests, rateLimited + o.rateLimited, retried + o.retried,
                created + o.created, updated + o.updated, deleted + o.deleted, unchanged + o.unchanged);
    }
}
