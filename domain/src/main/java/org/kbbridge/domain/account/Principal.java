package org.kbbridge.domain.account;

import java.util.Set;

/** Who is calling: the admin, or a tenant token scoped to some accounts with read or read-write access. */
public record Principal(boolean admin, Set<Long> accountIds, TokenAccess access) {

    public static final Principal ADMIN = new Principal(true, Set.of(), TokenAccess.READ_WRITE);

    public Principal {
        accountIds = accountIds == null ? Set.of() : Set.copyOf(accountIds);
    }

    public boolean canSee(long accountId) {
        return admin || accountIds.contains(accountId);
    }

    public boolean canWrite() {
        return admin || access == TokenAccess.READ_WRITE;
    }
}
