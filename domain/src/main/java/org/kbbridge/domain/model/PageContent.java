package org.kbbridge.domain.model;

import java.time.Instant;

/** The first post of a topic: the page's body. {@code raw} is Discourse markdown, {@code cooked} its html. */
public record PageContent(
        String id,
        String pageId,
        String raw,
        String cooked,
        String url,
        Instant createdAt,
        Instant updatedAt,
        String remoteData) implements KnowledgeItem {

    @Override
    public ResourceType type() {
        return ResourceType.PAGE_CONTENT;
    }

    @Override
    public String contentHash() {
        return ContentHash.of(id, pageId, raw, cooked, url, createdAt, updatedAt);
    }
}
