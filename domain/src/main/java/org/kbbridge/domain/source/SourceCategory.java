package org.kbbridge.domain.source;

/** A category as Discourse reports it, before any knowledge rule is applied. */
public record SourceCategory(
        long id,
        String name,
        String slug,
        String descriptionText,
        Long parentId,
        boolean readRestricted,
        int position,
        int topicCount,
        String json) {
}
