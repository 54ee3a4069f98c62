package org.kbbridge.port.out;

import java.util.List;
import java.util.Optional;
import org.kbbridge.domain.sync.SyncCounters;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncProgress;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.domain.sync.SyncStatus;

/** The record of sync runs. At most one queued or running run per account. */
public interface SyncRuns {

    /** A new queued run, or empty when the account already has a queued or running one. */
    Optional<SyncRun> enqueue(long accountId, SyncMode mode);

    Optional<SyncRun> find(long runId);

    List<SyncRun> list(Long accountId, int limit);

    /** The account's unfinished run, if any (e.g. one a killed process left behind). */
    Optional<SyncRun> unfinished(long accountId);

    void markRunning(long runId);

    void progress(long runId, SyncProgress progress, SyncCounters counters);

    void finish(long runId, SyncStatus status, SyncCounters counters, String error);
}
