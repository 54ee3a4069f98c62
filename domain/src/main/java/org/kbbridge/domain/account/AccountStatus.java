package org.kbbridge.domain.account;

import java.util.Locale;

/** {@code CREDENTIALS_INVALID} once Discourse answered 401/403 to the account's key; syncs stop until it is fixed. */
public enum AccountStatus {
    ACTIVE, CREDENTIALS_INVALID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
