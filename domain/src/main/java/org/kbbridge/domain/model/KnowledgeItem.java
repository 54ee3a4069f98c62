package org.kbbridge.domain.model;

/** Anything the store keeps per (account, resource, remote id). */
public sealed interface KnowledgeItem permits Collection, Page, PageContent, Comment, Tag {

    String id();

    ResourceType type();

    /** A hash of everything a reader can see; an item whose hash did not change is not rewritten. */
    String contentHash();

    /** The Discourse object this item came from, as JSON text (served with {@code include_remote_data=true}). */
    String remoteData();
}
