package org.kbbridge.port.out;

/** The answer to a create: the post Discourse made, or {@code pending} when it queued the post for approval. */
public record CreatedPost(boolean pending, long postId, long topicId, int postNumber) {

    public static final CreatedPost PENDING = new CreatedPost(true, 0, 0, 0);
}
