package org.kbbridge.adapter.discourse;

import java.util.concurrent.ThreadLocalRandom;

/** The retry state of one Discourse request: failures so far, 429 waits so far, the wait before the next try. */
final class RequestAttempts {

    /** Hard cap on tries of one request, whatever the answers (e.g. endless {@code Retry-After: 0}). */
    static final int MAX_SENDS = 200;

    private final DiscourseClientSettings settings;
    private final long rateLimitBudgetMillis;
    private int sends;
    private int failures;
    private long rateLimitWaitedMillis;
    private long nextWaitMillis;
    private boolean done;

    RequestAttempts(DiscourseClientSettings settings) {
        this(settings, settings.maxRateLimitWait().toMillis());
    }

    /** @param rateLimitBudgetMillis the most this request may wait on 429s in total */
    RequestAttempts(DiscourseClientSettings settings, long rateLimitBudgetMillis) {
        this.settings = settings;
        this.rateLimitBudgetMillis = rateLimitBudgetMillis;
    }

    long rateLimitBudgetMillis() {
        return rateLimitBudgetMillis;
    }

    /** The loop predicate. */
    boolean pending() {
        return !done && sends < MAX_SENDS;
    }

    void sent() {
        sends++;
    }

    long nextWaitMillis() {
        return nextWaitMillis;
    }

    void finished() {
        done = true;
        nextWaitMillis = 0;
    }

    /** True when another try is allowed; then {@link #nextWaitMillis()} is the back-off with jitter. */
    boolean transientFailure() {
        failures++;
        if (failures >= settings.maxTries()) {
            return false;
        }
        nextWaitMillis = backoffMillis(failures);
        return true;
    }

    /** True when waiting {@code waitMillis} more stays within the total 429 budget. */
    boolean rateLimited(long waitMillis) {
        if (rateLimitWaitedMillis + waitMillis > rateLimitBudgetMillis) {
            return false;
        }
        rateLimitWaitedMillis += waitMillis;
        nextWaitMillis = waitMillis;
        return true;
    }

    int failures() {
        return failures;
    }

    int sends() {
        return sends;
    }

    /** Exponential (base × 2^(n−1), capped) with "equal jitter": half fixed, half random. */
    long backoffMillis(int failure) {
        long base = Math.max(1, settings.backoffBase().toMillis());
        long max = Math.max(base, settings.backoffMax().toMillis());
        long exponential = failure >= 31 ? max : Math.min(max, base << (failure - 1));
        long half = exponential / 2;
        return half + ThreadLocalRandom.current().nextLong(exponential - half + 1);
    }
}
