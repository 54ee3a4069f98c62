package org.kbbridge.domain.sync;

/** {@code done} of {@code total} {@code unit}s (e.g. posts); total comes from the forum's own counts. */
public record SyncProgress(long done, long total, String unit) {

    public static final SyncProgress NONE = new SyncProgress(0, 0, "posts");
}
