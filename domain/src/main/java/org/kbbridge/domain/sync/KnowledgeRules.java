package org.kbbridge.domain.sync;

import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTopic;

/**
 * What counts as knowledge (SPEC 3.2): regular posts of regular, listed, live topics in categories the account's
 * scope admits. Whispers, small actions, moderator actions, hidden, trashed and author-deleted posts and private
 * messages never count; read-restricted categories only with {@code includePrivate}.
 */
public final class KnowledgeRules {

    private final CategoryTree categories;
    private final SyncScope scope;

    public KnowledgeRules(CategoryTree categories, SyncScope scope) {
        this.categories = categories;
        this.scope = scope;
    }

    public CategoryTree categories() {
        return categories;
    }

    public boolean admitsCategory(SourceCategory category) {
        if (!scope.includePrivate() && categories.isPrivate(category.id())) {
            return false;
        }
        return scope.categoryIds().isEmpty() || categories.isWithin(category.id(), scope.categoryIds());
    }

    public boolean admitsTopic(SourceTopic topic) {
        if (!SourceTopic.REGULAR.equals(topic.archetype()) || !topic.visible() || topic.deleted()) {
            return false;
        }
        boolean categoryOk = categories.get(topic.categoryId()).map(this::admitsCategory).orElse(false);
        if (!categoryOk) {
            return false;
        }
        return scope.tags().isEmpty() || topic.tags().stream().anyMatch(scope.tags()::contains);
    }

    /** The post's own properties; whether its topic counts is asked separately. */
    public boolean admitsPost(SourcePost post) {
        return post.postType() == SourcePost.REGULAR && !post.hidden() && !post.deleted() && !post.userDeleted();
    }
}
