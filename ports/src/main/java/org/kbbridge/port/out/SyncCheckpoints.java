package org.kbbridge.port.out;

import java.util.Optional;
import org.kbbridge.domain.sync.Checkpoint;

/** Checkpoints are written with their batch ({@link SyncBatch}); this port reads and clears them. */
public interface SyncCheckpoints {

    Optional<Checkpoint> find(long accountId, String stream);

    void save(Checkpoint checkpoint);

    void clear(long accountId, String stream);
}
