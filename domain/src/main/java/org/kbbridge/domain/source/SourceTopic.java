package org.kbbridge.domain.source;

import java.time.Instant;
import java.util.List;

/**
 * A topic as a topic list or topic view reports it. {@code createdBy} may be null when the list did not say who
 * started the topic. {@code acceptedAnswerPostNumber} is set only from a topic view. {@code pinned}: pinned in its
 * category or globally, so lists put it first whatever its age.
 */
public record SourceTopic(
        long id,
        String title,
        String slug,
        Long categoryId,
        String archetype,
        boolean visible,
        boolean closed,
        boolean archived,
        boolean pinned,
        boolean deleted,
        List<String> tags,
        SourceUser createdBy,
        int views,
        int replyCount,
        int likeCount,
        int postsCount,
        int highestPostNumber,
        boolean hasAcceptedAnswer,
        Integer acceptedAnswerPostNumber,
        Instant createdAt,
        Instant bumpedAt,
        Instant lastPostedAt,
        String json) {

    public static final String REGULAR = "regular";

    public SourceTopic {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The newest activity Discourse reports for the topic; topic views carry no bumped_at. */
    public Instant activityAt() {
        Instant newest = createdAt;
        for (Instant candidate : new Instant[] {bumpedAt, lastPostedAt}) {
            if (candidate != null && (newest == null || candidate.isAfter(newest))) {
                newest = candidate;
            }
        }
        return newest;
    }
}
