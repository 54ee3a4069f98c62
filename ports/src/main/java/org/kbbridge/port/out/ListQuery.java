package org.kbbridge.port.out;

import java.time.Instant;
import org.kbbridge.domain.model.ResourceType;

/**
 * A keyset query over one resource of one account: items after {@code afterKey} (exclusive, null = from the start)
 * in ascending key order (numeric id, or name for tags), at most {@code limit}. Null filters do not apply. Without
 * {@code includeRemoteData} the items carry no remote data (it is most of a row's bytes, and few readers want it).
 */
public record ListQuery(
        long accountId,
        ResourceType resource,
        Instant updatedAfter,
        String collectionId,
        String pageId,
        String tag,
        String text,
        boolean includeDeleted,
        String afterKey,
        int limit,
        boolean includeRemoteData) {

    /** A query whose items carry their remote data. */
    public ListQuery(long accountId, ResourceType resource, Instant updatedAfter, String collectionId, String pageId,
            String tag, String text, boolean includeDeleted, String afterKey, int limit) {
        this(accountId, resource, updatedAfter, collectionId, pageId, tag, text, includeDeleted, afterKey, limit, true);
    }
}
