package org.kbbridge.application;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kbbridge.domain.model.KnowledgeItem;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.sync.KnowledgeRules;
import org.kbbridge.domain.sync.UnifiedMapper;
import org.kbbridge.port.out.ItemRef;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.SyncBatch;
import org.kbbridge.port.out.TopicThread;

/**
 * What the store must hold for one topic after it was re-read with every post (by the sync, and after a write):
 * the page, its content and its knowledge comments; what the store holds for it and Discourse no longer shows goes.
 * A topic that is gone or no longer knowledge takes its page and comments with it.
 */
final class TopicRefresh {

    private TopicRefresh() {
    }

    static SyncBatch batch(long accountId, long topicId, Optional<TopicThread> thread, KnowledgeRules rules,
            UnifiedMapper mapper, KnowledgeReader reader) {
        String pageId = Long.toString(topicId);
        List<KnowledgeItem> upserts = new ArrayList<>();
        List<ItemRef> deletions = new ArrayList<>();
        Optional<SourcePost> first = thread.flatMap(t -> t.posts().stream().filter(SourcePost::isFirstPost)
                .findFirst());
        if (thread.isEmpty() || !rules.admitsTopic(thread.get().topic()) || first.isEmpty()
                || !rules.admitsPost(first.get())) {
            deletions.add(new ItemRef(ResourceType.PAGE, pageId));
            for (String commentId : reader.liveCommentIds(accountId, pageId)) {
                deletions.add(new ItemRef(ResourceType.COMMENT, commentId));
            }
        } else {
            upserts.add(mapper.page(thread.get().topic(), rules.categories()));
            Set<String> keep = new HashSet<>();
            for (SourcePost post : thread.get().posts()) {
                if (!rules.admitsPost(post)) {
                    continue;
                }
                if (post.isFirstPost()) {
                    upserts.add(mapper.pageContent(post));
                } else {
                    upserts.add(mapper.comment(post));
                    keep.add(Long.toString(post.id()));
                }
            }
            for (String stored : reader.liveCommentIds(accountId, pageId)) {
                if (!keep.contains(stored)) {
                    deletions.add(new ItemRef(ResourceType.COMMENT, stored));
                }
            }
        }
        return new SyncBatch(null, upserts, deletions, null);
    }
}
