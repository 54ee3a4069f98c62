package org.kbbridge.domain.account;

import java.util.Locale;

public enum TokenAccess {
    READ, READ_WRITE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
