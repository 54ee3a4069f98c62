package org.kbbridge.port.out;

import java.time.Instant;

/** A claimed idempotency key: the request it belongs to, its state, and the answer once there is one. */
public record IdempotencyRecord(String fingerprint, State state, WriteAnswer answer, Instant createdAt,
        Instant updatedAt) {

    public enum State {
        /** A request holds the key and is writing. */
        IN_PROGRESS,
        /** The forum's answer was lost: the write may have landed. */
        UNKNOWN,
        /** {@code answer} is the first answer, replayed to every repeat. */
        COMPLETED
    }
}
