package org.kbbridge.app.ops;

import java.util.List;
import java.util.Optional;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.port.in.AdministerAccountsUseCase;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.UpdateAccountCommand;

/** Account administration that keeps each account's schedules (and metrics) in step with the account. */
public final class ScheduledAccounts implements AdministerAccountsUseCase {

    private final AdministerAccountsUseCase accounts;
    private final SyncSchedules schedules;
    private final SyncMetrics metrics;

    public ScheduledAccounts(AdministerAccountsUseCase accounts, SyncSchedules schedules, SyncMetrics metrics) {
        this.accounts = accounts;
        this.schedules = schedules;
        this.metrics = metrics;
    }

    @Override
    public IntegratedAccount register(RegisterAccountCommand command) {
        IntegratedAccount account = accounts.register(command);
        schedules.schedule(account);
        return account;
    }

    @Override
    public Optional<IntegratedAccount> find(long id) {
        return accounts.find(id);
    }

    @Override
    public List<IntegratedAccount> all() {
        return accounts.all();
    }

    @Override
    public IntegratedAccount update(long id, UpdateAccountCommand command) {
        IntegratedAccount account = accounts.update(id, command);
        schedules.schedule(account);
        return account;
    }

    @Override
    public boolean remove(long id) {
        boolean removed = accounts.remove(id);
        if (removed) {
            schedules.unschedule(id);
            metrics.forget(id);
        }
        return removed;
    }
}
