package org.kbbridge.domain.model;

import java.time.Instant;

/** A Discourse tag; its id is its name. */
public record Tag(String name, String description, Instant updatedAt, String remoteData) implements KnowledgeItem {

    @Override
    public String id() {
        return name;
    }

    @Override
    public ResourceType type() {
        return ResourceType.TAG;
    }

    @Override
    public String contentHash() {
        return ContentHash.of(name, description);
    }
}
