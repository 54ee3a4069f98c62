package org.kbbridge.adapter.discourse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.account.DiscourseCredentials;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.source.ForumStats;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTopic;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.TopicListPage;
import org.kbbridge.port.out.TopicListQuery;
import org.kbbridge.port.out.TopicThread;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.SimulatorConfig;

/** The whole read surface against the team's Discourse simulator: every call works and every request is counted. */
class DiscourseSimulatorSmokeIT {

    DiscourseSimulator simulator;
    CamelContext camel;
    DiscourseCommunitySource source;
    RequestTally tally = new RequestTally();
    SourceAccount account;

    @BeforeEach
    void start() throws Exception {
        simulator = DiscourseSimulator.start(SimulatorConfig.defaults().size(40, 500).megaTopicThreshold(40));
        camel = new DefaultCamelContext();
        // no faults are injected here and none may be retried: give a cold, busy machine time to answer
        DiscourseRoutes.install(camel,
                DiscourseReadRoutesIT.FAST.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20)));
        camel.start();
        source = new DiscourseCommunitySource(camel);
        account = new SourceAccount(1, simulator.baseUrl(),
                new DiscourseCredentials(KeyKind.GLOBAL, simulator.apiKey(), simulator.apiUsername(), null), 0, tally);
    }

    @AfterEach
    void stop() {
        camel.stop();
        simulator.close();
    }

    @Test
    void lists_posts_and_every_post_of_every_listed_topic_are_read() {
        assertThat(source.verifyCredentials(account).username()).isEqualToIgnoringCase(simulator.apiUsername());
        ForumStats stats = source.stats(account);
        assertThat(stats.topics()).isPositive();
        assertThat(source.categories(account)).isNotEmpty();
        source.tags(account);

        Set<Long> topicIds = new HashSet<>();
        List<SourceTopic> topics = new ArrayList<>();
        TopicListPage page;
        int pageNo = 0;
        do {
            page = source.topics(account, new TopicListQuery(null, pageNo++, 0, "created", false));
            page.topics().stream().filter(t -> topicIds.add(t.id())).forEach(topics::add);
        } while (page.hasMore() && pageNo < 100);
        assertThat(topics).isNotEmpty();

        Set<Long> postIds = new HashSet<>();
        Long before = null;
        for (int i = 0; i < 1_000; i++) {
            List<SourcePost> posts = source.latestPosts(account, before);
            if (posts.isEmpty()) {
                break;
            }
            posts.forEach(p -> postIds.add(p.id()));
            // before is inclusive
            before = posts.stream().mapToLong(SourcePost::id).min().getAsLong() - 1;
            if (before <= 0) {
                break;
            }
        }
        assertThat(postIds).isNotEmpty();

        SourceTopic biggest = topics.stream().max((a, b) -> Integer.compare(a.postsCount(), b.postsCount())).orElseThrow();
        TopicThread thread = source.topic(account, biggest.id()).orElseThrow();
        assertThat(thread.posts()).extracting(SourcePost::id).doesNotHaveDuplicates();
        assertThat(thread.posts().size()).isGreaterThan(Math.min(20, biggest.postsCount() - 1));
        assertThat(thread.posts()).allSatisfy(p -> assertThat(p.topicId()).isEqualTo(biggest.id()));
        assertThat(source.topic(account, 999_999)).isEmpty();

        assertThat(tally.requests()).isEqualTo(simulator.stats().total());
        assertThat(tally.retriedCount()).isZero();
    }
}
