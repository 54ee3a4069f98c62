package org.kbbridge.domain.sync;

import java.util.List;
import java.util.Set;

/**
 * What of a forum an account syncs: only these categories (and their subcategories) when the list is not empty,
 * only topics carrying one of these tags when that list is not empty, and read-restricted categories only when
 * {@code includePrivate}.
 */
public record SyncScope(Set<Long> categoryIds, Set<String> tags, boolean includePrivate) {

    public static final SyncScope EVERYTHING_PUBLIC = new SyncScope(Set.of(), Set.of(), false);

    public SyncScope {
        categoryIds = categoryIds == null ? Set.of() : Set.copyOf(categoryIds);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }

    public static SyncScope of(List<Long> categoryIds, List<String> tags, boolean includePrivate) {
        return new SyncScope(categoryIds == null ? Set.of() : Set.copyOf(categoryIds),
                tags == null ? Set.of() : Set.copyOf(tags), includePrivate);
    }
}
