package org.kbbridge.domain.model;

/** Status of collections, page-content, comments and tags: live, or a tombstone. */
public enum ItemStatus {
    ACTIVE, DELETED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
