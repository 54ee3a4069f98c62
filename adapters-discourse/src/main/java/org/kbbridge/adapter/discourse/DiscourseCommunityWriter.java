package org.kbbridge.adapter.discourse;

import static org.kbbridge.adapter.discourse.DiscourseExchange.ACCOUNT;

import java.util.Objects;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.kbbridge.port.out.CommunityWriter;
import org.kbbridge.port.out.CreatedPost;
import org.kbbridge.port.out.NewPost;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceException;
import org.kbbridge.port.out.TopicChanges;

/** {@link CommunityWriter} over {@link DiscourseWriteRoutes}; the routes must be installed. */
public final class DiscourseCommunityWriter implements CommunityWriter {

    private final ProducerTemplate template;

    public DiscourseCommunityWriter(CamelContext camelContext) {
        this.template = Objects.requireNonNull(camelContext, "camelContext").createProducerTemplate();
    }

    @Override
    public CreatedPost createPost(SourceAccount account, NewPost post) {
        Objects.requireNonNull(post, "post");
        return (CreatedPost) call(DiscourseWriteRoutes.CREATE_POST, account,
                exchange -> exchange.setProperty(DiscourseWriteRoutes.NEW_POST, post));
    }

    @Override
    public void updateTopic(SourceAccount account, long topicId, TopicChanges changes) {
        Objects.requireNonNull(changes, "changes");
        call(DiscourseWriteRoutes.UPDATE_TOPIC, account, exchange -> {
            exchange.setProperty(DiscourseWriteRoutes.TARGET_ID, topicId);
            exchange.setProperty(DiscourseWriteRoutes.TOPIC_CHANGES, changes);
        });
    }

    @Override
    public void updatePost(SourceAccount account, long postId, String raw) {
        Objects.requireNonNull(raw, "raw");
        call(DiscourseWriteRoutes.UPDATE_POST, account, exchange -> {
            exchange.setProperty(DiscourseWriteRoutes.TARGET_ID, postId);
            exchange.setProperty(DiscourseWriteRoutes.RAW_TEXT, raw);
        });
    }

    @Override
    public void deletePost(SourceAccount account, long postId) {
        call(DiscourseWriteRoutes.DELETE_POST, account,
                exchange -> exchange.setProperty(DiscourseWriteRoutes.TARGET_ID, postId));
    }

    private Object call(String route, SourceAccount account, Consumer<Exchange> arguments) {
        Objects.requireNonNull(account, "account");
        Exchange result = template.send("direct:" + route, exchange -> {
            exchange.setProperty(ACCOUNT, account);
            arguments.accept(exchange);
        });
        if (result.getException() != null) {
            for (Throwable cause = result.getException(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SourceException sourceException) {
                    throw sourceException;
                }
            }
            throw new SourceException(route + " failed: " + result.getException().getMessage(),
                    result.getException());
        }
        return result.getMessage().getBody();
    }
}
