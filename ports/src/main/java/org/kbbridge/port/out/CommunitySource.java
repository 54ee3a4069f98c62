package org.kbbridge.port.out;

import java.util.List;
import java.util.Optional;
import org.kbbridge.domain.source.ForumStats;
import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTag;
import org.kbbridge.domain.source.SourceUser;

/**
 * The forum as the sync reads it. Every call goes through the account's throttle and retry policy; failures
 * surface as {@link SourceException}s.
 */
public interface CommunitySource {

    /** Who the credentials act as; {@link CredentialsRejectedException} when Discourse refuses them. */
    SourceUser verifyCredentials(SourceAccount account);

    ForumStats stats(SourceAccount account);

    List<SourceCategory> categories(SourceAccount account);

    List<SourceTag> tags(SourceAccount account);

    TopicListPage topics(SourceAccount account, TopicListQuery query);

    /**
     * Up to 50 of the newest public regular posts with {@code id <= before} (Discourse's {@code before} is
     * inclusive), newest first; {@code before == null} starts at the newest post.
     */
    List<SourcePost> latestPosts(SourceAccount account, Long before);

    /** The topic with all its posts, or empty when Discourse no longer shows it (404/410). */
    Optional<TopicThread> topic(SourceAccount account, long topicId);
}
