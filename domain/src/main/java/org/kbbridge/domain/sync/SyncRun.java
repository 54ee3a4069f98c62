package org.kbbridge.domain.sync;

import java.time.Instant;

/** One sync of one account. {@code error} says why a failed run failed. */
public record SyncRun(
        long id,
        long accountId,
        SyncMode mode,
        SyncStatus status,
        Instant startedAt,
        Instant finishedAt,
        SyncProgress progress,
        SyncCounters counters,
        String error) {
}
