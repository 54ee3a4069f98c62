package org.kbbridge.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * Idempotency keys of writes, per account (SPEC 3.3). A key is claimed before the forum is called (one row per
 * account and key, so of two simultaneous requests only one gets it), then completed with the answer to replay,
 * marked unknown when the forum's answer was lost, or released when nothing was done.
 */
public interface IdempotencyRecords {

    /** Claims the key for a request with this fingerprint; empty when claimed, else the record that holds it. */
    Optional<IdempotencyRecord> claim(long accountId, String key, String fingerprint);

    Optional<IdempotencyRecord> find(long accountId, String key);

    /**
     * Takes over a key whose outcome is unknown, or whose claim is older than {@code lease} (its claimer died);
     * false when another request took it first or it is no longer in that state.
     */
    boolean takeOver(long accountId, String key, Duration lease);

    void complete(long accountId, String key, WriteAnswer answer);

    void markUnknown(long accountId, String key);

    void release(long accountId, String key);
}
