package org.kbbridge.simulator;

/** A Discourse category as the simulator holds it. */
public final class Category {
    public final int id;
    public String name;
    public String slug;
    public String description;
    public Integer parentId;
    public boolean readRestricted;
    public int position;
    public String color;
    public String defaultView = "latest";

    Category(int id, String name, String slug, String description, Integer parentId, boolean readRestricted, int position, String color) {
        this.id = id;
        this.name = name;
        this.slug = slug;
        this.description = description;
        this.parentId = parentId;
        this.readRestricted = readRestricted;
        this.position = position;
        this.color = color;
    }
}
