package org.kbbridge.port.in;

import java.util.List;
import java.util.Optional;
import org.kbbridge.domain.account.IntegratedAccount;

/** Registering, reading, changing and removing integrated accounts (SPEC 3.1). */
public interface AdministerAccountsUseCase {

    /**
     * @throws CredentialsRefusedException when the credentials are checked and Discourse refuses them
     */
    IntegratedAccount register(RegisterAccountCommand command);

    Optional<IntegratedAccount> find(long id);

    List<IntegratedAccount> all();

    /** @throws UnknownAccountException when there is no such account */
    IntegratedAccount update(long id, UpdateAccountCommand command);

    boolean remove(long id);
}
