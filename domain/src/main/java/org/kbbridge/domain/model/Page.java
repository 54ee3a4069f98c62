package org.kbbridge.domain.model;

import java.time.Instant;
import java.util.List;

/**
 * A Discourse topic that counts as knowledge. {@code tags} are sorted names. Which comment is the accepted answer is
 * resolved when the page is read, from the live comments flagged as accepted.
 */
public record Page(
        String id,
        String title,
        PageStatus status,
        String collectionId,
        List<String> tags,
        UserRef createdBy,
        Visibility visibility,
        boolean hasAcceptedAnswer,
        PageStats stats,
        String url,
        Instant createdAt,
        Instant updatedAt,
        String remoteData) implements KnowledgeItem {

    public Page {
        tags = tags == null ? List.of() : List.copyOf(tags.stream().sorted().toList());
    }

    @Override
    public ResourceType type() {
        return ResourceType.PAGE;
    }

    @Override
    public String contentHash() {
        return ContentHash.of(id, title, status, collectionId, String.join("\u0001", tags), createdBy.id(),
                createdBy.username(), createdBy.name(), visibility, hasAcceptedAnswer,
                stats.views(), stats.replyCount(), stats.likeCount(), url, createdAt, updatedAt);
    }
}
