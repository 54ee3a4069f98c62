package org.kbbridge.application;

import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.port.in.StartSyncUseCase;
import org.kbbridge.port.in.SyncAlreadyRunningException;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.SyncRuns;

public final class SyncStarter implements StartSyncUseCase {

    private final IntegratedAccounts accounts;
    private final SyncRuns runs;

    public SyncStarter(IntegratedAccounts accounts, SyncRuns runs) {
        this.accounts = accounts;
        this.runs = runs;
    }

    @Override
    public SyncRun startSync(StartSyncCommand command) {
        if (accounts.find(command.accountId()).isEmpty()) {
            throw new UnknownAccountException(command.accountId());
        }
        return runs.enqueue(command.accountId(), command.mode()).orElseThrow(() -> new SyncAlreadyRunningException(
                command.accountId(), runs.unfinished(command.accountId()).map(SyncRun::id).orElse(0L)));
    }
}
