package org.kbbridge.adapter.discourse;

import static org.kbbridge.adapter.discourse.DiscourseExchange.ASSEMBLER;
import static org.kbbridge.adapter.discourse.DiscourseExchange.BEFORE;
import static org.kbbridge.adapter.discourse.DiscourseExchange.NOT_FOUND_OK;
import static org.kbbridge.adapter.discourse.DiscourseExchange.PATH;
import static org.kbbridge.adapter.discourse.DiscourseExchange.TOPIC_ID;
import static org.kbbridge.adapter.discourse.DiscourseExchange.TOPIC_QUERY;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.kbbridge.domain.source.SourceUser;
import org.kbbridge.port.out.CredentialsRejectedException;
import org.kbbridge.port.out.TopicListQuery;

/**
 * Every read the sync needs, one route each. Each sets the request path and calls {@link DiscourseRequestRoutes};
 * mapping is {@link DiscourseMapper}'s, topic assembly {@link TopicThreadAssembler}'s.
 */
public final class DiscourseReadRoutes extends RouteBuilder {

    public static final String VERIFY_CREDENTIALS = "discourse-verify-credentials";
    public static final String STATS = "discourse-stats";
    public static final String CATEGORIES = "discourse-categories";
    public static final String TAGS = "discourse-tags";
    public static final String TOPIC_LIST = "discourse-topic-list";
    public static final String LATEST_POSTS = "discourse-latest-posts";
    public static final String TOPIC = "discourse-topic";

    private static final String REQUEST = "direct:" + DiscourseRequestRoutes.REQUEST;

    private final DiscourseClientSettings settings;

    public DiscourseReadRoutes(DiscourseClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        from("direct:" + VERIFY_CREDENTIALS).routeId(VERIFY_CREDENTIALS).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(request(exchange -> DiscoursePaths.currentSession(), true))
                .to(REQUEST)
                .choice()
                    // no session user for the key (some user keys): ask for the named user instead
                    .when(body().isNull())
                        .process(request(DiscourseReadRoutes::namedUserPath, true))
                        .to(REQUEST)
                .end()
                .process(DiscourseReadRoutes::currentUser);

        from("direct:" + STATS).routeId(STATS).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(request(exchange -> DiscoursePaths.about(), false))
                .to(REQUEST)
                .process(mapBody(DiscourseMapper::stats));

        from("direct:" + CATEGORIES).routeId(CATEGORIES).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(request(exchange -> DiscoursePaths.site(), false))
                .to(REQUEST)
                .process(mapBody(DiscourseMapper::categories));

        from("direct:" + TAGS).routeId(TAGS).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(request(exchange -> DiscoursePaths.tags(), false))
                .to(REQUEST)
                .process(mapBody(DiscourseMapper::tags));

        from("direct:" + TOPIC_LIST).routeId(TOPIC_LIST).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(request(exchange -> DiscoursePaths.topicList(
                        exchange.getProperty(TOPIC_QUERY, TopicListQuery.class)), false))
                .to(REQUEST)
                .process(mapBody(DiscourseMapper::topicList));

        from("direct:" + LATEST_POSTS).routeId(LATEST_POSTS).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(request(exchange -> DiscoursePaths.latestPosts(exchange.getProperty(BEFORE, Long.class)), false))
                .to(REQUEST)
                .process(mapBody(DiscourseMapper::latestPosts));

        from("direct:" + TOPIC).routeId(TOPIC).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(request(exchange -> DiscoursePaths.topic(exchange.getProperty(TOPIC_ID, Long.class)), true))
                .to(REQUEST)
                .choice()
                    .when(body().isNotNull())
                        .process(this::startAssembly)
                        // the assembler's hasMore() carries the hard request cap
                        .loopDoWhile(exchange -> assembler(exchange).hasMore())
                            .breakOnShutdown()
                            .process(request(exchange -> assembler(exchange).nextPath(), true))
                            .to(REQUEST)
                            .process(exchange -> assembler(exchange).accept(exchange.getMessage().getBody(JsonNode.class)))
                        .end()
                        .process(exchange -> exchange.getMessage().setBody(assembler(exchange).result()))
                .end();
    }

    private void startAssembly(Exchange exchange) {
        exchange.setProperty(ASSEMBLER,
                new TopicThreadAssembler(exchange.getMessage().getBody(JsonNode.class), settings.postIdsPerRequest()));
    }

    private static TopicThreadAssembler assembler(Exchange exchange) {
        return exchange.getProperty(ASSEMBLER, TopicThreadAssembler.class);
    }

    private static Processor request(Function<Exchange, String> path, boolean notFoundOk) {
        return exchange -> {
            exchange.setProperty(PATH, path.apply(exchange));
            exchange.setProperty(NOT_FOUND_OK, notFoundOk);
        };
    }

    private static Processor mapBody(Function<JsonNode, ?> mapper) {
        return exchange -> exchange.getMessage().setBody(mapper.apply(exchange.getMessage().getBody(JsonNode.class)));
    }

    private static String namedUserPath(Exchange exchange) {
        String username = DiscourseExchange.account(exchange).credentials().apiUsername();
        if (username == null || username.isBlank()) {
            throw new CredentialsRejectedException("Discourse knows no current user for these credentials");
        }
        return DiscoursePaths.user(username);
    }

    private static void currentUser(Exchange exchange) {
        JsonNode body = exchange.getMessage().getBody(JsonNode.class);
        SourceUser user = body == null ? null : DiscourseMapper.currentUser(body);
        if (user == null) {
            throw new CredentialsRejectedException("Discourse knows no current user for these credentials");
        }
        exchange.getMessage().setBody(user);
    }
}
