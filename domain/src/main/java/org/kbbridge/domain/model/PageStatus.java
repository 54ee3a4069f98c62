package org.kbbridge.domain.model;

/** A page is archived when its topic is closed or archived; deleted pages are tombstones. */
public enum PageStatus {
    PUBLISHED, ARCHIVED, DELETED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
