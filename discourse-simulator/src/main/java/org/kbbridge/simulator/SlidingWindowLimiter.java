package org.kbbridge.simulator;

import java.util.ArrayDeque;

/** Discourse's RateLimiter: at most {@code max} hits in any window of {@code windowMillis}. */
final class SlidingWindowLimiter {
    private final ArrayDeque<Long> hits = new ArrayDeque<>();

    /** Records a hit and returns 0, or returns how many millis until one would be allowed. */
    synchronized long tryAcquire(long nowMillis, int max, long windowMillis) {
        while (!hits.isEmpty() && hits.peekFirst() <= nowMillis - windowMillis) {
            hits.pollFirst();
        }
        if (hits.size() >= max) {
            return Math.max(1, hits.peekFirst() + windowMillis - nowMillis);
        }
        hits.addLast(nowMillis);
        return 0;
    }

    synchronized void rollback() {
        hits.pollLast();
    }

    synchronized void clear() {
        hits.clear();
    }
}
