package org.kbbridge.domain.source;

import java.time.Instant;

/**
 * A post as Discourse reports it. {@code postType}: 1 regular, 2 moderator action, 3 small action, 4 whisper.
 * {@code raw} may be null where Discourse withholds it (hidden posts for non-staff).
 */
public record SourcePost(
        long id,
        long topicId,
        String topicSlug,
        int postNumber,
        int postType,
        Integer replyToPostNumber,
        String raw,
        String cooked,
        boolean hidden,
        boolean deleted,
        boolean userDeleted,
        SourceUser author,
        boolean acceptedAnswer,
        int likeCount,
        Long categoryId,
        Instant createdAt,
        Instant updatedAt,
        String json) {

    public static final int REGULAR = 1;

    public boolean isFirstPost() {
        return postNumber == 1;
    }
}
