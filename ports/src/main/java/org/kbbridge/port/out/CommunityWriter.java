package org.kbbridge.port.out;

/**
 * Writes to the forum (SPEC 3.3). Every call goes through the account's throttle; a 429 waits and retries within a
 * bounded time ({@link SourceRateLimitedException} after that). Discourse's refusals surface as
 * {@link WriteRefusedException}. Edits and deletes are retried after 5xx and I/O errors like reads; a create is not
 * sent twice by the adapter: an answer that did not arrive is a {@link WriteOutcomeUnknownException}, and the
 * caller finds out whether the post landed before it tries again.
 */
public interface CommunityWriter {

    /** A new topic ({@code topicId} null) or a reply; the created post, or a pending one when Discourse queued it. */
    CreatedPost createPost(SourceAccount account, NewPost post);

    /** Title, category and tags of a topic; null fields stay as they are. */
    void updateTopic(SourceAccount account, long topicId, TopicChanges changes);

    void updatePost(SourceAccount account, long postId, String raw);

    void deletePost(SourceAccount account, long postId);
}
