package org.kbbridge.domain.sync;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * FULL reads everything; INCREMENTAL only what changed since the last checkpoint; RECONCILE re-reads everything to
 * catch edits, moves and deletions that no list reports. FULL and RECONCILE tombstone what they did not see.
 */
public enum SyncMode {
    INCREMENTAL, FULL, RECONCILE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean readsEverything() {
        return this != INCREMENTAL;
    }

    public static Optional<SyncMode> parse(String value) {
        return Arrays.stream(values()).filter(m -> m.wire().equals(value)).findFirst();
    }
}
