package org.kbbridge.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Outgoing webhook subscriptions (SPEC 3.5) and their delivery streams, one per subscription and account, each with
 * a cursor into the account's change log. Secrets are sealed under the master key before they reach a table.
 */
public interface WebhookSubscriptions {

    /** A subscription; {@code accountIds} null means every account. The secret never leaves through this record. */
    record Subscription(long id, String url, List<Long> accountIds, java.time.Instant createdAt) {
    }

    /** A stream claimed for one delivery attempt: events after {@code lastDeliveredSeq} go next. */
    record Stream(long subscriptionId, long accountId, String url, String secret, long lastDeliveredSeq,
            int attempts) {

        @Override
        public String toString() {
            return "Stream[subscription=" + subscriptionId + ", account=" + accountId + ", url=" + url + "]";
        }
    }

    Subscription create(String url, String secret, List<Long> accountIds);

    List<Subscription> all();

    boolean delete(long id);

    /**
     * Claims the streams due for delivery (creating those of accounts new to a subscription) for {@code lease}, so
     * that of several nodes only one delivers a stream at a time.
     */
    List<Stream> claimDue(Duration lease, int limit);

    /** The events up to {@code seq} arrived: the cursor moves, the back-off resets, the lease ends. */
    void delivered(Stream stream, long seq);

    /** The delivery failed: try again after {@code retryAfter}; the lease ends. */
    void failed(Stream stream, Duration retryAfter, String error);

    Optional<Subscription> find(long id);
}
