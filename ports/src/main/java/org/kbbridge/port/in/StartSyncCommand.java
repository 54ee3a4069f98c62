package org.kbbridge.port.in;

import java.util.Objects;
import org.kbbridge.domain.sync.SyncMode;

public record StartSyncCommand(long accountId, SyncMode mode) {

    public StartSyncCommand {
        Objects.requireNonNull(mode, "mode");
        if (accountId <= 0) {
            throw new IllegalArgumentException("integrated_account_id must be a positive number");
        }
    }
}
