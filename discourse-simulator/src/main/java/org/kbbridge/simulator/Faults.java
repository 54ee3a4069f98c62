package org.kbbridge.simulator;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/** Injected failures, drawn from a seeded random source so a run can be repeated. */
public final class Faults {
    public static final List<String> ALL_KINDS = List.of("502", "503", "429_json", "429_text", "slow", "timeout", "reset", "truncate");

    public volatile double rate;
    public final List<String> kinds = new CopyOnWriteArrayList<>(ALL_KINDS);
    public volatile long slowMillis = 1500;
    public volatile long timeoutMillis = 30_000;
    /** What injected 429s ask the client to wait (Retry-After and extras.wait_seconds). */
    public volatile int rateLimitWaitSeconds = 10;
    private Random random = new Random(1);

    public synchronized void configure(double rate, List<String> kinds, long seed) {
        this.rate = rate;
        if (kinds != null && !kinds.isEmpty()) {
            for (String k : kinds) {
                if (!ALL_KINDS.contains(k)) {
                    throw new IllegalArgumentException("unknown fault kind " + k + "; known: " + ALL_KINDS);
                }
            }
            this.kinds.clear();
            this.kinds.addAll(kinds);
        }
        this.random = new Random(seed);
    }

    /** The fault to inject into this request, or null. */
    synchronized String draw() {
        if (rate <= 0 || kinds.isEmpty()) {
            return null;
        }
        if (random.nextDouble() >= rate) {
            return null;
        }
        return kinds.get(random.nextInt(kinds.size()));
    }
}
