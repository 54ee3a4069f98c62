package org.kbbridge.port.out;

import java.util.Set;
import org.kbbridge.domain.model.ResourceType;

/**
 * Writes the synced copy. Every change (create, update, tombstone) gets a change-feed entry in the same
 * transaction; an upsert whose content hash did not change writes nothing.
 */
public interface KnowledgeWriter {

    BatchResult write(long accountId, SyncBatch batch);

    /**
     * Tombstones every live item of these resources that run {@code runId} did not see; called only after a full
     * or reconcile run read everything. Forgets the run's seen-set afterwards.
     */
    BatchResult tombstoneUnseen(long accountId, long runId, Set<ResourceType> resources);

    /** Tombstones the live page-content and comments whose page is not live: they are not knowledge on their own. */
    BatchResult tombstoneOrphans(long accountId);

    /** Removes everything stored for the account (its items, change feed, checkpoints). */
    void purge(long accountId);
}
