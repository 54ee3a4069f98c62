package org.kbbridge.adapter.persistence;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.statement.SqlStatement;
import org.kbbridge.domain.model.ResourceType;

/** Where each resource lives: its table, its key column, and the name the change feed and seen-set use. */
enum ResourceTable {
    COLLECTION(ResourceType.COLLECTION, "collections", "id"),
    PAGE(ResourceType.PAGE, "pages", "id"),
    PAGE_CONTENT(ResourceType.PAGE_CONTENT, "page_contents", "id"),
    COMMENT(ResourceType.COMMENT, "comments", "id"),
    TAG(ResourceType.TAG, "tags", "name");

    final ResourceType type;
    final String table;
    final String key;

    ResourceTable(ResourceType type, String table, String key) {
        this.type = type;
        this.table = table;
        this.key = key;
    }

    static ResourceTable of(ResourceType type) {
        return valueOf(type.name());
    }

    static ResourceTable ofWire(String wire) {
        for (ResourceTable t : values()) {
            if (t.type.path().equals(wire)) {
                return t;
            }
        }
        throw new IllegalStateException("unknown resource in store: " + wire);
    }

    /** The name stored in change_log and sync_seen: the API's path segment ("pages", "page-content", ...). */
    String wire() {
        return type.path();
    }

    boolean numeric() {
        return type.numericIds();
    }

    /** Binds ids as bigint[] or text[] to match the key column. */
    <S extends SqlStatement<S>> S bindKeys(S statement, String name, Collection<String> ids) {
        if (numeric()) {
            List<Long> keys = ids.stream().map(ResourceTable::parseId).toList();
            return statement.bindArray(name, Long.class, keys);
        }
        return statement.bindArray(name, String.class, List.copyOf(ids));
    }

    static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("not a numeric Discourse id: " + id);
        }
    }

    static Long parseNullableId(String id) {
        return id == null ? null : parseId(id);
    }
}
