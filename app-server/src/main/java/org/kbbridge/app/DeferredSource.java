package org.kbbridge.app;

import java.util.List;
import java.util.Optional;
import org.kbbridge.domain.source.ForumStats;
import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTag;
import org.kbbridge.domain.source.SourceUser;
import org.kbbridge.port.out.CommunitySource;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.TopicListPage;
import org.kbbridge.port.out.TopicListQuery;
import org.kbbridge.port.out.TopicThread;

/** The Discourse source exists only once Camel has started; the use cases are built before that. */
final class DeferredSource implements CommunitySource {

    private volatile CommunitySource target;

    void bind(CommunitySource source) {
        this.target = source;
    }

    private CommunitySource target() {
        CommunitySource t = target;
        if (t == null) {
            throw new IllegalStateException("Camel has not started yet");
        }
        return t;
    }

    @Override
    public SourceUser verifyCredentials(SourceAccount account) {
        return target().verifyCredentials(account);
    }

    @Override
    public ForumStats stats(SourceAccount account) {
        return target().stats(account);
    }

    @Override
    public List<SourceCategory> categories(SourceAccount account) {
        return target().categories(account);
    }

    @Override
    public List<SourceTag> tags(SourceAccount account) {
        return target().tags(account);
    }

    @Override
    public TopicListPage topics(SourceAccount account, TopicListQuery query) {
        return target().topics(account, query);
    }

    @Override
    public List<SourcePost> latestPosts(SourceAccount account, Long before) {
        return target().latestPosts(account, before);
    }

    @Override
    public Optional<TopicThread> topic(SourceAccount account, long topicId) {
        return target().topic(account, topicId);
    }
}
