package org.kbbridge.application;

import java.util.function.Supplier;

/**
 * One lock per (account, topic), striped: a topic's re-read from Discourse and its store write happen together, so
 * an older read never overwrites a newer one — whichever path made it (a write through the API, a webhook, a sync's
 * targeted refresh). One instance is shared by all of them.
 */
public final class TopicLocks {

    private static final int STRIPES = 64;

    private final Object[] stripes = new Object[STRIPES];

    public TopicLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    public <T> T withTopic(long accountId, long topicId, Supplier<T> work) {
        synchronized (stripes[Math.floorMod(Long.hashCode(topicId * 31 + accountId), STRIPES)]) {
            return work.get();
        }
    }
}
