package org.kbbridge.port.out;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what the source adapter did on behalf of one run: requests sent, 429s met, retries made; and tells a
 * {@link SourceObserver} about each of them.
 */
public final class RequestTally {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final long accountId;
    private final SourceObserver observer;

    public RequestTally() {
        this(0, SourceObserver.NONE);
    }

    public RequestTally(long accountId, SourceObserver observer) {
        this.accountId = accountId;
        this.observer = observer;
    }

    public void request() {
        requests.incrementAndGet();
    }

    /** @param status the HTTP status of the answer, or 0 when none came (an I/O error) */
    public void answered(int status) {
        observer.answered(accountId, status == 0 ? "io_error" : Integer.toString(status));
    }

    public void rateLimited() {
        rateLimited.incrementAndGet();
        observer.rateLimited(accountId);
    }

    public void retried() {
        retried.incrementAndGet();
        observer.retried(accountId);
    }

    public long requests() {
        return requests.get();
    }

    public long rateLimitedCount() {
        return rateLimited.get();
    }

    public long retriedCount() {
        return retried.get();
    }
}
