package org.kbbridge.simulator;

import java.time.Instant;

/** A post. Keyed by id: moving a post changes its topic and post number but keeps its id. */
public final class Post {
    public static final int REGULAR = 1;
    public static final int MODERATOR_ACTION = 2;
    public static final int SMALL_ACTION = 3;
    public static final int WHISPER = 4;

    public final int id;
    public int topicId;
    public int postNumber;
    public int postType;
    public int userId;
    public String raw;
    public Instant createdAt;
    public Instant updatedAt;
    public Integer replyToPostNumber;
    public boolean hidden;
    public Instant deletedAt;
    public boolean userDeleted;
    public String actionCode;
    public int likeCount;
    public int reads;
    public int version = 1;

    /** Cache of the /posts.json rendering; invalidated by {@link Forum} through the generation counter. */
    volatile byte[] latestJson;
    volatile long latestJsonGeneration = -1;

    Post(int id, int topicId, int postNumber, int postType, int userId, String raw, Instant createdAt) {
        this.id = id;
        this.topicId = topicId;
        this.postNumber = postNumber;
        this.postType = postType;
        this.userId = userId;
        this.raw = raw;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    public boolean trashed() {
        return deletedAt != null;
    }
}
