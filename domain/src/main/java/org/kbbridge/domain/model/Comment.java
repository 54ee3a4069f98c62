package org.kbbridge.domain.model;

import java.time.Instant;

/**
 * A reply in a topic. {@code postNumber} and {@code replyToPostNumber} are kept so the parent can be resolved
 * against the live comments of the page when it is read (see {@link CommentParent}).
 */
public record Comment(
        String id,
        String pageId,
        int postNumber,
        Integer replyToPostNumber,
        String raw,
        String cooked,
        UserRef createdBy,
        boolean acceptedAnswer,
        int likeCount,
        String url,
        Instant createdAt,
        Instant updatedAt,
        String remoteData) implements KnowledgeItem {

    @Override
    public ResourceType type() {
        return ResourceType.COMMENT;
    }

    @Override
    public String contentHash() {
        return ContentHash.of(id, pageId, postNumber, replyToPostNumber, raw, cooked, createdBy.id(),
                createdBy.username(), createdBy.name(), acceptedAnswer, likeCount, url, createdAt, updatedAt);
    }
}
