package org.kbbridge.port.in;

import java.time.Instant;
import org.kbbridge.domain.model.ResourceType;

/**
 * A list request of the unified API. Validates itself: {@code limit} 1..100, filters only where the resource has
 * them (SPEC 3.2: collection_id, tag and q on pages; page_id on page-content and comments).
 */
public record ListKnowledgeQuery(
        long accountId,
        ResourceType resource,
        Instant updatedAfter,
        String collectionId,
        String pageId,
        String tag,
        String text,
        boolean includeDeleted,
        String cursor,
        int limit,
        boolean includeRemoteData) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;

    public ListKnowledgeQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + " (got " + limit + ")");
        }
        boolean pages = resource == ResourceType.PAGE;
        requireOnly(collectionId, pages, "collection_id", "pages");
        requireOnly(tag, pages, "tag", "pages");
        requireOnly(text, pages, "q", "pages");
        requireOnly(pageId, resource == ResourceType.PAGE_CONTENT || resource == ResourceType.COMMENT, "page_id",
                "page-content and comments");
        requireNumeric(collectionId, "collection_id");
        requireNumeric(pageId, "page_id");
        if (text != null && text.isBlank()) {
            throw new InvalidRequestException("q must not be empty; leave it out to list everything");
        }
    }

    private static void requireOnly(String value, boolean allowed, String name, String where) {
        if (value != null && !allowed) {
            throw new InvalidRequestException(name + " filters only " + where + "; remove it from this request");
        }
    }

    private static void requireNumeric(String value, String name) {
        if (value != null && !value.matches("[1-9][0-9]{0,17}")) {
            throw new InvalidRequestException(name + " must be a positive numeric id, not '" + value + "'");
        }
    }

    /** A query whose items carry their remote data. */
    public ListKnowledgeQuery(long accountId, ResourceType resource, Instant updatedAfter, String collectionId,
            String pageId, String tag, String text, boolean includeDeleted, String cursor, int limit) {
        this(accountId, resource, updatedAfter, collectionId, pageId, tag, text, includeDeleted, cursor, limit, true);
    }

    /** Everything that defines the result set; a cursor is only valid for the query it came from. */
    public String fingerprint() {
        return String.join("|", Long.toString(accountId), resource.path(), String.valueOf(updatedAfter),
                String.valueOf(collectionId), String.valueOf(pageId), String.valueOf(tag), String.valueOf(text),
                Boolean.toString(includeDeleted));
    }
}
