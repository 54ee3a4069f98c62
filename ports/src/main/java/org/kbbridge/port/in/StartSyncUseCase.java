package org.kbbridge.port.in;

import org.kbbridge.domain.sync.SyncRun;

/** Queues a sync run for an account; it is executed by {@link RunSyncUseCase}. */
public interface StartSyncUseCase {

    /**
     * @throws UnknownAccountException when the account does not exist
     * @throws SyncAlreadyRunningException when the account has a queued or running run
     */
    SyncRun startSync(StartSyncCommand command);
}
