package org.kbbridge.adapter.discourse;

import static org.kbbridge.adapter.discourse.DiscourseExchange.CONTENT_TYPE;
import static org.kbbridge.adapter.discourse.DiscourseExchange.METHOD;
import static org.kbbridge.adapter.discourse.DiscourseExchange.PATH;
import static org.kbbridge.adapter.discourse.DiscourseExchange.REQUEST_BODY;
import static org.kbbridge.adapter.discourse.DiscourseExchange.WRITE_MODE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.kbbridge.port.out.NewPost;
import org.kbbridge.port.out.TopicChanges;

/**
 * The writes of SPEC 3.3, one route each, every call through {@link DiscourseRequestRoutes} (the account's throttle,
 * 429 waits). A create is marked {@link ResponsePolicy.WriteMode#CREATE}: it is never re-sent after a 5xx or an I/O
 * error, since Discourse may have created the post; edits and deletes are retried like reads.
 */
public final class DiscourseWriteRoutes extends RouteBuilder {

    public static final String CREATE_POST = "discourse-create-post";
    public static final String UPDATE_TOPIC = "discourse-update-topic";
    public static final String UPDATE_POST = "discourse-update-post";
    public static final String DELETE_POST = "discourse-delete-post";

    /** Arguments of a write route. */
    static final String NEW_POST = "kbDiscourseNewPost";
    static final String TOPIC_CHANGES = "kbDiscourseTopicChanges";
    static final String TARGET_ID = "kbDiscourseTargetId";
    static final String RAW_TEXT = "kbDiscourseRawText";

    private static final String REQUEST = "direct:" + DiscourseRequestRoutes.REQUEST;
    private static final String JSON = "application/json; charset=UTF-8";

    @Override
    public void configure() {
        from("direct:" + CREATE_POST).routeId(CREATE_POST).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(write("POST", ResponsePolicy.WriteMode.CREATE, exchange -> DiscourseWrites.createPath(),
                        exchange -> DiscourseWrites.createBody(exchange.getProperty(NEW_POST, NewPost.class))))
                .to(REQUEST).id(CREATE_POST + "-call")
                .process(exchange -> exchange.getMessage().setBody(
                        DiscourseWrites.created(exchange.getMessage().getBody(JsonNode.class))));

        from("direct:" + UPDATE_TOPIC).routeId(UPDATE_TOPIC).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(write("PUT", ResponsePolicy.WriteMode.EDIT,
                        exchange -> DiscourseWrites.topicPath(target(exchange)),
                        exchange -> DiscourseWrites.topicBody(exchange.getProperty(TOPIC_CHANGES, TopicChanges.class))))
                .to(REQUEST).id(UPDATE_TOPIC + "-call");

        from("direct:" + UPDATE_POST).routeId(UPDATE_POST).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(write("PUT", ResponsePolicy.WriteMode.EDIT,
                        exchange -> DiscourseWrites.postPath(target(exchange)),
                        exchange -> DiscourseWrites.postBody(exchange.getProperty(RAW_TEXT, String.class))))
                .to(REQUEST).id(UPDATE_POST + "-call");

        from("direct:" + DELETE_POST).routeId(DELETE_POST).routeConfigurationId(DiscourseErrorHandling.ID)
                .process(write("DELETE", ResponsePolicy.WriteMode.EDIT,
                        exchange -> DiscourseWrites.postPath(target(exchange)), exchange -> null))
                .to(REQUEST).id(DELETE_POST + "-call");
    }

    private static long target(Exchange exchange) {
        return exchange.getProperty(TARGET_ID, Long.class);
    }

    private static Processor write(String method, ResponsePolicy.WriteMode mode, Function<Exchange, String> path,
            Function<Exchange, byte[]> body) {
        return exchange -> {
            exchange.setProperty(METHOD, method);
            exchange.setProperty(WRITE_MODE, mode);
            exchange.setProperty(PATH, path.apply(exchange));
            byte[] bytes = body.apply(exchange);
            if (bytes != null) {
                exchange.setProperty(REQUEST_BODY, bytes);
                exchange.setProperty(CONTENT_TYPE, JSON);
            }
        };
    }
}
