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

    public String slug() {
        return Forum.slugify(title);
    }
}
