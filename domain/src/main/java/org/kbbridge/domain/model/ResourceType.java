package org.kbbridge.domain.model;

import java.util.Arrays;
import java.util.Optional;

/** The five resources of the Unified Knowledge Base API, with the path segment each is served under. */
public enum ResourceType {
    COLLECTION("collections"),
    PAGE("pages"),
    PAGE_CONTENT("page-content"),
    COMMENT("comments"),
    TAG("tags");

    private final String path;

    ResourceType(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** Tags are keyed by name; everything else by Discourse's numeric id. */
    public boolean numericIds() {
        return this != TAG;
    }

    public static Optional<ResourceType> fromPath(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }
}
