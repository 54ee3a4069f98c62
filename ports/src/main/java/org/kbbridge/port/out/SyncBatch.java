package org.kbbridge.port.out;

import java.util.List;
import org.kbbridge.domain.model.KnowledgeItem;
import org.kbbridge.domain.sync.Checkpoint;

/**
 * One page of sync results, written in one transaction: upserts (unchanged items are skipped), explicit
 * tombstones, and the checkpoint that says the page is done (null when the page moves no checkpoint).
 * When {@code runId} is set, every upserted item is remembered as seen by that run, for {@link
 * KnowledgeWriter#tombstoneUnseen}.
 */
public record SyncBatch(Long runId, List<KnowledgeItem> upserts, List<ItemRef> deletions, Checkpoint checkpoint) {

    public SyncBatch {
        upserts = upserts == null ? List.of() : List.copyOf(upserts);
        deletions = deletions == null ? List.of() : List.copyOf(deletions);
    }
}
