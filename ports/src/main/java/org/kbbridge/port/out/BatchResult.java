package org.kbbridge.port.out;

import java.util.EnumMap;
import java.util.Map;
import org.kbbridge.domain.model.ResourceType;

/** What a batch did to the store, in total and per resource. */
public record BatchResult(int created, int updated, int unchanged, int deleted, Map<ResourceType, BatchResult> byResource) {

    public static final BatchResult EMPTY = new BatchResult(0, 0, 0, 0);

    public BatchResult {
        byResource = Map.copyOf(byResource);
    }

    /** Totals without a per-resource breakdown. */
    public BatchResult(int created, int updated, int unchanged, int deleted) {
        this(created, updated, unchanged, deleted, Map.of());
    }

    /** What a batch did to one resource. */
    public static BatchResult of(ResourceType resource, int created, int updated, int unchanged, int deleted) {
        return new BatchResult(created, updated, unchanged, deleted,
                Map.of(resource, new BatchResult(created, updated, unchanged, deleted)));
    }

    /** The totals alone, without the per-resource breakdown. */
    public BatchResult totals() {
        return new BatchResult(created, updated, unchanged, deleted);
    }

    public BatchResult plus(BatchResult o) {
        Map<ResourceType, BatchResult> merged = new EnumMap<>(ResourceType.class);
        merged.putAll(byResource);
        o.byResource.forEach((resource, counts) -> merged.merge(resource, counts, BatchResult::plus));
        return new BatchResult(created + o.created, updated + o.updated, unchanged + o.unchanged, deleted + o.deleted,
                merged);
    }
}
