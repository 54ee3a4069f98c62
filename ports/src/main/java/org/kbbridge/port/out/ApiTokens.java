package org.kbbridge.port.out;

import java.util.Optional;
import org.kbbridge.domain.account.Principal;

/** Tokens are stored as SHA-256 hashes; the clear token exists only in the answer that created it. */
public interface ApiTokens {

    void save(String tokenHash, Principal principal);

    Optional<Principal> findByHash(String tokenHash);

    /** Whether an admin token exists (one is generated on first start when KB_ADMIN_TOKEN is not set). */
    boolean anyAdmin();

    /** Makes this the only admin token: every other admin token stops working (KB_ADMIN_TOKEN rotation). */
    void replaceAdmin(String tokenHash);
}
