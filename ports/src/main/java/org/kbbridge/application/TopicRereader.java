package org.kbbridge.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.model.KnowledgeItem;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.source.SourceTag;
import org.kbbridge.domain.sync.CategoryTree;
import org.kbbridge.domain.sync.KnowledgeRules;
import org.kbbridge.domain.sync.UnifiedMapper;
import org.kbbridge.port.out.CommunitySource;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SyncBatch;
import org.kbbridge.port.out.TopicThread;

/**
 * Re-reads one topic outside a sync run (after a write, on a webhook): the topic with every post, judged by the
 * sync's rules against the forum's categories (read at most once a minute per account, and again when a topic names
 * an unknown one), plus the tags the store does not know yet, since a write or a retag may have created them.
 */
final class TopicRereader {

    private static final Duration CATEGORIES_FRESH = Duration.ofMinutes(1);

    private final CommunitySource source;
    private final KnowledgeReader reader;
    private final Map<Long, Categories> categories = new ConcurrentHashMap<>();

    private record Categories(CategoryTree tree, Instant readAt) {
    }

    /** The topic as Discourse shows it now (empty when gone) and the batch that makes the store hold exactly that. */
    record Reread(Optional<TopicThread> thread, SyncBatch batch) {
    }

    TopicRereader(CommunitySource source, KnowledgeReader reader) {
        this.source = source;
        this.reader = reader;
    }

    Reread reread(IntegratedAccount account, SourceAccount sourceAccount, long topicId) {
        Optional<TopicThread> thread = source.topic(sourceAccount, topicId);
        KnowledgeRules rules = new KnowledgeRules(categories(account, sourceAccount,
                thread.map(t -> t.topic().categoryId()).orElse(null)), account.sync().scope());
        UnifiedMapper mapper = new UnifiedMapper(account.baseUrl());
        SyncBatch batch = TopicRefresh.batch(account.id(), topicId, thread, rules, mapper, reader);
        List<String> tags = thread.map(t -> t.topic().tags()).orElse(List.of());
        if (batch.upserts().isEmpty() || tags.isEmpty()) {
            return new Reread(thread, batch);
        }
        Set<String> known = reader.liveIds(account.id(), ResourceType.TAG);
        if (known.containsAll(tags)) {
            return new Reread(thread, batch);
        }
        List<KnowledgeItem> upserts = new ArrayList<>(batch.upserts());
        for (SourceTag tag : source.tags(sourceAccount)) {
            if (tag.targetTag() == null && tags.contains(tag.name()) && !known.contains(tag.name())) {
                upserts.add(mapper.tag(tag));
            }
        }
        return new Reread(thread, new SyncBatch(null, upserts, batch.deletions(), null));
    }

    private CategoryTree categories(IntegratedAccount account, SourceAccount sourceAccount, Long needed) {
        Categories cached = categories.get(account.id());
        if (cached == null || cached.readAt().plus(CATEGORIES_FRESH).isBefore(Instant.now())
                || (needed != null && cached.tree().get(needed).isEmpty())) {
            cached = new Categories(new CategoryTree(source.categories(sourceAccount)), Instant.now());
            categories.put(account.id(), cached);
        }
        return cached.tree();
    }
}
