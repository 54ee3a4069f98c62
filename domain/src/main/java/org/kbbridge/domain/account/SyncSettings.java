package org.kbbridge.domain.account;

import java.util.List;
import org.kbbridge.domain.sync.SyncScope;

/** How an account is synced: the incremental schedule (a Quartz cron expression) and the scope. */
public record SyncSettings(String schedule, List<Long> categories, List<String> tags, boolean includePrivate) {

    /** Every 15 minutes. */
    public static final String DEFAULT_SCHEDULE = "0 0/15 * * * ?";

    public SyncSettings {
        schedule = schedule == null || schedule.isBlank() ? DEFAULT_SCHEDULE : schedule;
        categories = categories == null ? List.of() : List.copyOf(categories);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static SyncSettings defaults() {
        return new SyncSettings(null, null, null, false);
    }

    public SyncScope scope() {
        return SyncScope.of(categories, tags, includePrivate);
    }
}
