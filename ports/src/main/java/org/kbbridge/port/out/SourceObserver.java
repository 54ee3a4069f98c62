package org.kbbridge.port.out;

/**
 * Hears every request the source adapter makes for an account (SPEC 4 metrics): how it was answered, which answers
 * were 429s and which failures were retried. Called on the requesting thread; implementations must be cheap.
 */
public interface SourceObserver {

    SourceObserver NONE = new SourceObserver() {
    };

    /** @param outcome the HTTP status, or {@code io_error} when no answer came (timeout, reset, truncated body) */
    default void answered(long accountId, String outcome) {
    }

    default void rateLimited(long accountId) {
    }

    default void retried(long accountId) {
    }
}
