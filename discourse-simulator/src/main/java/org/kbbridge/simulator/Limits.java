package org.kbbridge.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Rate-limit settings and state, as Discourse's GlobalSettings defaults them. */
public final class Limits {
    public volatile boolean enabled = true;
    /** max_admin_api_reqs_per_minute, shared by every admin key of the site. */
    public volatile int adminPerWindow = 60;
    public volatile int adminWindowSeconds = 60;
    public volatile int userKeyPerWindow = 20;
    public volatile int userKeyWindowSeconds = 60;
    /** max_user_api_reqs_per_day, per user API key. */
    public volatile int userKeyPerDay = 2880;
    public volatile int ipPer10Seconds = 50;
    public volatile int ipPerMinute = 200;
    /** max_reqs_rate_limit_on_private: loopback and private client IPs are limited only when true. */
    public volatile boolean ipLimitPrivate;

    final SlidingWindowLimiter admin = new SlidingWindowLimiter();
    final Map<String, SlidingWindowLimiter> userKeys = new ConcurrentHashMap<>();
    final Map<String, SlidingWindowLimiter> userKeyDays = new ConcurrentHashMap<>();
    final Map<String, SlidingWindowLimiter> ip10 = new ConcurrentHashMap<>();
    final Map<String, SlidingWindowLimiter> ip60 = new ConcurrentHashMap<>();

    public void resetCounters() {
        admin.clear();
        userKeys.clear();
        userKeyDays.clear();
        ip10.clear();
        ip60.clear();
    }
}
