package org.kbbridge.domain.sync;

import java.util.Locale;

public enum ChangeOp {
    UPSERT, DELETE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
