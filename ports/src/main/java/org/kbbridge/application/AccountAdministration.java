package org.kbbridge.application;

import java.util.List;
import java.util.Optional;
import org.kbbridge.domain.account.AccountStatus;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.port.in.AdministerAccountsUseCase;
import org.kbbridge.port.in.CredentialsRefusedException;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.in.UpdateAccountCommand;
import org.kbbridge.port.out.CommunitySource;
import org.kbbridge.port.out.CredentialsRejectedException;
import org.kbbridge.port.out.IntegratedAccounts;
import org.kbbridge.port.out.NewIntegratedAccount;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceAccount;

public final class AccountAdministration implements AdministerAccountsUseCase {

    private final IntegratedAccounts accounts;
    private final CommunitySource source;

    public AccountAdministration(IntegratedAccounts accounts, CommunitySource source) {
        this.accounts = accounts;
        this.source = source;
    }

    @Override
    public IntegratedAccount register(RegisterAccountCommand c) {
        DiscourseCredentials credentials = new DiscourseCredentials(c.keyKind(), c.apiKey(), c.apiUsername(),
                c.webhookSecret());
        if (c.validateCredentials()) {
            check(c.baseUrl(), credentials, c.effectiveRateLimit());
        }
        return accounts.create(new NewIntegratedAccount(c.name(), c.baseUrl(), c.apiUsername(), c.keyKind(),
                c.effectiveRateLimit(), c.sync()), credentials);
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
    public IntegratedAccount update(long id, UpdateAccountCommand c) {
        IntegratedAccount current = accounts.find(id).orElseThrow(() -> new UnknownAccountException(id));
        DiscourseCredentials old = accounts.credentials(id).orElseThrow(() -> new UnknownAccountException(id));
        boolean newCredentials = c.apiKey() != null || c.apiUsername() != null || c.webhookSecret() != null;
        DiscourseCredentials credentials = newCredentials
                ? new DiscourseCredentials(old.keyKind(), c.apiKey() != null ? c.apiKey() : old.apiKey(),
                        c.apiUsername() != null ? c.apiUsername() : old.apiUsername(),
                        c.webhookSecret() != null ? c.webhookSecret() : old.webhookSecret())
                : null;
        int rate = c.rateLimitPerMinute() != null ? c.rateLimitPerMinute() : current.rateLimitPerMinute();
        boolean keyChanged = c.apiKey() != null || c.apiUsername() != null;
        if (keyChanged && c.validateCredentials()) {
            check(current.baseUrl(), credentials, rate);
        }
        IntegratedAccount changed = new IntegratedAccount(id, c.name() != null ? c.name() : current.name(),
                current.baseUrl(), credentials != null ? credentials.apiUsername() : current.apiUsername(),
                current.keyKind(), rate,
                credentials != null ? credentials.webhookSecret() != null : current.hasWebhookSecret(),
                c.sync() != null ? c.sync() : current.sync(),
                keyChanged ? AccountStatus.ACTIVE : current.status(), current.createdAt(), current.updatedAt());
        return accounts.update(changed, credentials);
    }

    @Override
    public boolean remove(long id) {
        return accounts.delete(id);
    }

    private void check(String baseUrl, DiscourseCredentials credentials, int rate) {
        try {
            source.verifyCredentials(new SourceAccount(0, baseUrl, credentials, rate, new RequestTally()));
        } catch (CredentialsRejectedException e) {
            throw new CredentialsRefusedException(e.getMessage());
        }
    }
}
