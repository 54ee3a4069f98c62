package org.kbbridge.adapter.discourse;

import static org.kbbridge.adapter.discourse.DiscourseExchange.ACCOUNT;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.kbbridge.domain.source.ForumStats;
import org.kbbridge.domain.source.SourceCategory;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTag;
import org.kbbridge.domain.source.SourceUser;
import org.kbbridge.port.out.CommunitySource;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceException;
import org.kbbridge.port.out.TopicListPage;
import org.kbbridge.port.out.TopicListQuery;
import org.kbbridge.port.out.TopicThread;

/** {@link CommunitySource} over the Discourse routes; the routes must be installed ({@link DiscourseRoutes#install}). */
public final class DiscourseCommunitySource implements CommunitySource {

    private final ProducerTemplate template;

    public DiscourseCommunitySource(CamelContext camelContext) {
        this.template = Objects.requireNonNull(camelContext, "camelContext").createProducerTemplate();
    }

    @Override
    public SourceUser verifyCredentials(SourceAccount account) {
        return (SourceUser) call(DiscourseReadRoutes.VERIFY_CREDENTIALS, account, exchange -> { });
    }

    @Override
    public ForumStats stats(SourceAccount account) {
        return (ForumStats) call(DiscourseReadRoutes.STATS, account, exchange -> { });
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<SourceCategory> categories(SourceAccount account) {
        return (List<SourceCategory>) call(DiscourseReadRoutes.CATEGORIES, account, exchange -> { });
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<SourceTag> tags(SourceAccount account) {
        return (List<SourceTag>) call(DiscourseReadRoutes.TAGS, account, exchange -> { });
    }

    @Override
    public TopicListPage topics(SourceAccount account, TopicListQuery query) {
        Objects.requireNonNull(query, "query");
        return (TopicListPage) call(DiscourseReadRoutes.TOPIC_LIST, account,
                exchange -> exchange.setProperty(DiscourseExchange.TOPIC_QUERY, query));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<SourcePost> latestPosts(SourceAccount account, Long before) {
        return (List<SourcePost>) call(DiscourseReadRoutes.LATEST_POSTS, account,
                exchange -> exchange.setProperty(DiscourseExchange.BEFORE, before));
    }

    @Override
    public Optional<TopicThread> topic(SourceAccount account, long topicId) {
        return Optional.ofNullable((TopicThread) call(DiscourseReadRoutes.TOPIC, account,
                exchange -> exchange.setProperty(DiscourseExchange.TOPIC_ID, topicId)));
    }

    private Object call(String route, SourceAccount account, Consumer<Exchange> arguments) {
        Objects.requireNonNull(account, "account");
        Exchange result = template.send("direct:" + route, exchange -> {
            exchange.setProperty(ACCOUNT, account);
            arguments.accept(exchange);
        });
        if (result.getException() != null) {
            throw sourceException(route, result.getException());
        }
        return result.getMessage().getBody();
    }

    private static SourceException sourceException(String route, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SourceException sourceException) {
                return sourceException;
            }
        }
        return new SourceException(route + " failed: " + failure.getMessage(), failure);
    }
}
