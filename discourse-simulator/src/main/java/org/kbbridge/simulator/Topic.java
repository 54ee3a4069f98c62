package org.kbbridge.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A topic; {@link #postIds} holds its posts in post-number order, trashed ones included. */
public final class Topic {
    public final int id;
    public String title;
    public Integer categoryId;
    public int userId;
    public String archetype = "regular";
    public Instant createdAt;
    public Instant bumpedAt;
    public Instant lastPostedAt;
    public int views;
    public boolean visible = true;
    public boolean closed;
    public boolean archived;
    public boolean pinnedGlobally;
    public boolean pinned;
    public Instant pinnedAt;
    public Instant deletedAt;
    public final Set<String> tags = new LinkedHashSet<>();
    public final List<Integer> acceptedPostIds = new ArrayList<>();
    public final List<Integer> allowedUserIds = new ArrayList<>();
    public final List<Integer> postIds = new ArrayList<>();

    Topic(int id, String title, Integer categoryId, int userId, Instant createdAt) {
        this.id = id;
        this.title = title;
        this.categoryId = categoryId;
        this.userId = userId;
        this.createdAt = createdAt;
        this.bumpedAt = createdAt;
        this.lastPostedAt = createdAt;
    }

    public boolean isPrivateMessage() {
        return "private_message".equals(archetype);
    }

    public boolean trashed() {
        return deletedAt != null;
    }

    /** The slug of the title it was computed from: titles change rarely, slugs are rendered in every post. */
    private record Slug(String title, String slug) {
    }

    private volatile Slug slug;

    public String slug() {
        Slug s = slug;
        String current = title;
        if (s == null || !java.util.Objects.equals(s.title(), current)) {
            s = new Slug(current, Forum.slugify(current));
            slug = s;
        }
        return s.slug();
    }
}
