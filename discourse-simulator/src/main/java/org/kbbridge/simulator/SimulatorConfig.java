package org.kbbridge.simulator;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Start-up settings of a simulator; everything else can be changed at run time through the control API. */
public final class SimulatorConfig {
    public int port = 0;
    public String bindAddress = "127.0.0.1";
    public long seed = 42;
    public int topics = 60;
    public int posts = 600;
    public String apiKey = "sim-admin-key";
    public String apiUsername = "system";
    /** User API keys and the username each one acts as. */
    public final Map<String, String> userApiKeys = new LinkedHashMap<>();
    public int threads = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    /** Discourse's MEGA_TOPIC_POSTS_COUNT. */
    public int megaTopicThreshold = 10_000;
    /** Posts needed before the generator adds a topic with more than 1,000 posts. */
    public int bigTopicMinPosts = 3_000;
    public Clock clock = Clock.systemUTC();
    public String instanceUrl;

    public static SimulatorConfig defaults() {
        SimulatorConfig c = new SimulatorConfig();
        c.userApiKeys.put("sim-user-key", "alice");
        return c;
    }

    public SimulatorConfig port(int p) {
        port = p;
        return this;
    }

    public SimulatorConfig seed(long s) {
        seed = s;
        return this;
    }

    public SimulatorConfig size(int topicCount, int postCount) {
        topics = topicCount;
        posts = postCount;
        return this;
    }

    public SimulatorConfig megaTopicThreshold(int n) {
        megaTopicThreshold = n;
        return this;
    }

    public SimulatorConfig credentials(String key, String username) {
        apiKey = key;
        apiUsername = username;
        return this;
    }
}
