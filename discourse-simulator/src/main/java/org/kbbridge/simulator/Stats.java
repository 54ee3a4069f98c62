package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counts by endpoint (method + route) and status. */
public final class Stats {
    private final Map<String, Map<String, LongAdder>> counts = new ConcurrentHashMap<>();

    void record(String endpoint, String status) {
        counts.computeIfAbsent(endpoint, k -> new ConcurrentHashMap<>()).computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    /** Requests to an endpoint such as "GET /posts.json", all statuses. */
    public long count(String endpoint) {
        Map<String, LongAdder> m = counts.get(endpoint);
        return m == null ? 0 : m.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long count(String endpoint, String status) {
        Map<String, LongAdder> m = counts.get(endpoint);
        LongAdder a = m == null ? null : m.get(status);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(LongAdder::sum).sum();
    }

    public void reset() {
        counts.clear();
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.obj();
        o.put("total", total());
        ObjectNode by = o.putObject("by_endpoint");
        Map<String, Long> byStatus = new TreeMap<>();
        new TreeMap<>(counts).forEach((ep, m) -> {
            ObjectNode e = by.putObject(ep);
            new TreeMap<>(m).forEach((st, n) -> {
                e.put(st, n.sum());
                byStatus.merge(st, n.sum(), Long::sum);
            });
        });
        ObjectNode bs = o.putObject("by_status");
        byStatus.forEach(bs::put);
        return o;
    }
}
