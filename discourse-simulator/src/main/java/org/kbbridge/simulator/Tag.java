package org.kbbridge.simulator;

/** A tag; Discourse identifies it by name in most APIs and by id in newer ones. */
public final class Tag {
    public final int id;
    public final String name;
    public String description;

    Tag(int id, String name, String description) {
        this.id = id;
        this.name = name;
        this.description = description;
    }
}
