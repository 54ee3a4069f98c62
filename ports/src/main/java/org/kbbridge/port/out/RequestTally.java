package org.kbbridge.port.out;

import java.util.concurrent.atomic.AtomicLong;

/** Counts what the source adapter did on behalf of one run: requests sent, 429s met, retries made. */
public final class RequestTally {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();

    public void request() {
        requests.incrementAndGet();
    }

    public void rateLimited() {
        rateLimited.incrementAndGet();
    }

    public void retried() {
        retried.incrementAndGet();
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
