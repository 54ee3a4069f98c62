package org.kbbridge.port.out;

import java.time.Duration;
import java.time.Instant;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncStatus;

/** Hears what sync runs did (SPEC 4 metrics): items written, how runs ended, how fresh the synced copy is. */
public interface SyncObserver {

    SyncObserver NONE = new SyncObserver() {
    };

    /** Items of one resource a run created, updated or tombstoned in the store (unchanged items are not counted). */
    default void itemsWritten(long accountId, ResourceType resource, int created, int updated, int deleted) {
    }

    default void runFinished(long accountId, SyncMode mode, SyncStatus status, Duration took) {
    }

    /** The newest {@code updated_at} among the pages, first posts and replies a run read from the forum. */
    default void newestItemSeen(long accountId, Instant updatedAt) {
    }
}
