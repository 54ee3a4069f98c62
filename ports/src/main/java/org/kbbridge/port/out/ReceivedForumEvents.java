package org.kbbridge.port.out;

import java.util.Optional;

/** The webhook event ids each account has applied, so that a redelivery applies nothing twice. */
public interface ReceivedForumEvents {

    boolean seen(long accountId, String eventId);

    /**
     * Records the event and writes the batch in one transaction (with its change-feed entries); empty, with nothing
     * written, when the event was already recorded.
     */
    Optional<BatchResult> applyOnce(long accountId, String eventId, SyncBatch batch);
}
