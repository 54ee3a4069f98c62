package org.kbbridge.port.out;

import java.util.List;
import java.util.Optional;
import org.kbbridge.domain.account.AccountStatus;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.IntegratedAccount;

/** Stores accounts; credentials are sealed (AES-256-GCM under the master key) before they reach a table. */
public interface IntegratedAccounts {

    IntegratedAccount create(NewIntegratedAccount account, DiscourseCredentials credentials);

    Optional<IntegratedAccount> find(long id);

    List<IntegratedAccount> all();

    /** Replaces the account's settings (and credentials, when not null). */
    IntegratedAccount update(IntegratedAccount account, DiscourseCredentials credentials);

    void setStatus(long id, AccountStatus status);

    /** Removes the account and everything synced for it. */
    boolean delete(long id);

    Optional<DiscourseCredentials> credentials(long id);
}
