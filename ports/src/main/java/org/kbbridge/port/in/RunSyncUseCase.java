package org.kbbridge.port.in;

import org.kbbridge.domain.sync.SyncRun;

/**
 * Executes a queued run to its end (or resumes one a killed process left running, from its checkpoints) and
 * returns it finished: succeeded, or failed with the reason.
 */
public interface RunSyncUseCase {

    SyncRun runSync(long runId);
}
