package org.kbbridge.app;

import org.kbbridge.port.out.CommunityWriter;
import org.kbbridge.port.out.CreatedPost;
import org.kbbridge.port.out.NewPost;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.TopicChanges;

/** The Discourse writer exists only once Camel has started; the write use cases are built before that. */
final class DeferredWriter implements CommunityWriter {

    private volatile CommunityWriter target;

    void bind(CommunityWriter writer) {
        this.target = writer;
    }

    private CommunityWriter target() {
        CommunityWriter t = target;
        if (t == null) {
            throw new IllegalStateException("Camel has not started yet");
        }
        return t;
    }

    @Override
    public CreatedPost createPost(SourceAccount account, NewPost post) {
        return target().createPost(account, post);
    }

    @Override
    public void updateTopic(SourceAccount account, long topicId, TopicChanges changes) {
        target().updateTopic(account, topicId, changes);
    }

    @Override
    public void updatePost(SourceAccount account, long postId, String raw) {
        target().updatePost(account, postId, raw);
    }

    @Override
    public void deletePost(SourceAccount account, long postId) {
        target().deletePost(account, postId);
    }
}
