package org.kbbridge.domain.view;

import org.kbbridge.domain.model.KnowledgeItem;
import org.kbbridge.domain.model.ResourceType;

/** A stored item as a reader sees it: the item, whether it is a tombstone, and what is derived at read time. */
public sealed interface ItemView permits CollectionView, PageView, PageContentView, CommentView, TagView {

    KnowledgeItem item();

    boolean deleted();

    default String id() {
        return item().id();
    }

    default ResourceType type() {
        return item().type();
    }
}
