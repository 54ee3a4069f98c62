package org.kbbridge.domain.account;

import java.util.Locale;

/** A Discourse admin/global API key (Api-Key + Api-Username) or a user API key (User-Api-Key). */
public enum KeyKind {
    GLOBAL(60), USER(20);

    private final int defaultRateLimitPerMinute;

    KeyKind(int defaultRateLimitPerMinute) {
        this.defaultRateLimitPerMinute = defaultRateLimitPerMinute;
    }

    /** Discourse's defaults: 60/min shared by all admin keys of a site, 20/min per user key. */
    public int defaultRateLimitPerMinute() {
        return defaultRateLimitPerMinute;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
