package org.kbbridge.domain.model;

import java.time.Instant;

/**
 * A Discourse category. {@code parentId} is null for top-level categories; {@code url} is the category's
 * page on the forum. {@code remoteData} is the Discourse object as JSON text.
 */
public record Collection(
        String id,
        String name,
        String description,
        String parentId,
        Visibility visibility,
        int position,
        String url,
        Instant updatedAt,
        String remoteData) implements KnowledgeItem {

    @Override
    public ResourceType type() {
        return ResourceType.COLLECTION;
    }

    @Override
    public String contentHash() {
        return ContentHash.of(id, name, description, parentId, visibility, position, url, updatedAt);
    }
}
