package org.kbbridge.adapter.discourse;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the Discourse client: HTTP timeouts, the back-off for 5xx and I/O errors, the default and the total
 * budget of 429 waits, the throttle window and how many post ids go into one {@code /t/{id}/posts.json} call.
 */
public record DiscourseClientSettings(
        Duration connectTimeout,
        Duration socketTimeout,
        Duration backoffBase,
        Duration backoffMax,
        int maxTries,
        Duration defaultRateLimitWait,
        Duration maxRateLimitWait,
        Duration throttlePeriod,
        int postIdsPerRequest) {

    public DiscourseClientSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(socketTimeout, "socketTimeout");
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(defaultRateLimitWait, "defaultRateLimitWait");
        Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        Objects.requireNonNull(throttlePeriod, "throttlePeriod");
        if (maxTries < 1) {
            throw new IllegalArgumentException("maxTries must be at least 1, was " + maxTries);
        }
        if (postIdsPerRequest < 1) {
            throw new IllegalArgumentException("postIdsPerRequest must be at least 1, was " + postIdsPerRequest);
        }
        if (throttlePeriod.toMillis() < 1) {
            throw new IllegalArgumentException("throttlePeriod must be at least 1 ms");
        }
    }

    /** 30 s timeouts, back-off 1 s doubling up to 30 s, 5 tries, 10 s default 429 wait, 15 min of 429 waits per request. */
    public static DiscourseClientSettings defaults() {
        return new DiscourseClientSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofSeconds(30), 5, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofMinutes(1), 50);
    }

    public DiscourseClientSettings withBackoff(Duration base, Duration max) {
        return new DiscourseClientSettings(connectTimeout, socketTimeout, base, max, maxTries, defaultRateLimitWait,
                maxRateLimitWait, throttlePeriod, postIdsPerRequest);
    }

    public DiscourseClientSettings withTimeouts(Duration connect, Duration socket) {
        return new DiscourseClientSettings(connect, socket, backoffBase, backoffMax, maxTries, defaultRateLimitWait,
                maxRateLimitWait, throttlePeriod, postIdsPerRequest);
    }

    public DiscourseClientSettings withRateLimitWaits(Duration defaultWait, Duration maxTotalWait) {
        return new DiscourseClientSettings(connectTimeout, socketTimeout, backoffBase, backoffMax, maxTries, defaultWait,
                maxTotalWait, throttlePeriod, postIdsPerRequest);
    }

    public DiscourseClientSettings withThrottlePeriod(Duration period) {
        return new DiscourseClientSettings(connectTimeout, socketTimeout, backoffBase, backoffMax, maxTries,
                defaultRateLimitWait, maxRateLimitWait, period, postIdsPerRequest);
    }

    public DiscourseClientSettings withPostIdsPerRequest(int ids) {
        return new DiscourseClientSettings(connectTimeout, socketTimeout, backoffBase, backoffMax, maxTries,
                defaultRateLimitWait, maxRateLimitWait, throttlePeriod, ids);
    }
}
