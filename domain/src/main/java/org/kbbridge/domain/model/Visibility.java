package org.kbbridge.domain.model;

/** Whether a collection (and what it holds) is readable by anyone or only inside a read-restricted category. */
public enum Visibility {
    PUBLIC, PRIVATE;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
