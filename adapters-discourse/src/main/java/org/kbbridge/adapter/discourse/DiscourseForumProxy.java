package org.kbbridge.adapter.discourse;

import static org.kbbridge.adapter.discourse.DiscourseExchange.ACCOUNT;

import java.util.Objects;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.kbbridge.port.out.ForumProxy;
import org.kbbridge.port.out.ForwardedRequest;
import org.kbbridge.port.out.ForwardedResponse;
import org.kbbridge.port.out.SourceAccount;
import org.kbbridge.port.out.SourceException;

/** {@link ForumProxy} over {@code direct:discourse-request} in raw mode: the same throttle, credentials and retries. */
public final class DiscourseForumProxy implements ForumProxy {

    private final ProducerTemplate template;

    public DiscourseForumProxy(CamelContext camelContext) {
        this.template = Objects.requireNonNull(camelContext, "camelContext").createProducerTemplate();
    }

    @Override
    public ForwardedResponse forward(SourceAccount account, ForwardedRequest request) {
        Objects.requireNonNull(account, "account");
        Exchange result = template.send("direct:" + DiscourseRequestRoutes.REQUEST, exchange -> {
            exchange.setProperty(ACCOUNT, account);
            exchange.setProperty(DiscourseExchange.RAW, true);
            exchange.setProperty(DiscourseExchange.METHOD, request.method());
            exchange.setProperty(DiscourseExchange.PATH, request.pathAndQuery());
            if (request.body() != null && request.body().length > 0) {
                exchange.setProperty(DiscourseExchange.REQUEST_BODY, request.body());
                exchange.setProperty(DiscourseExchange.CONTENT_TYPE, request.contentType());
            }
        });
        if (result.getException() != null) {
            for (Throwable cause = result.getException(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SourceException sourceException) {
                    throw sourceException;
                }
            }
            throw new SourceException("proxy call failed: " + result.getException().getMessage(),
                    result.getException());
        }
        return new ForwardedResponse(result.getProperty(DiscourseExchange.STATUS, 0, Integer.class),
                result.getProperty(DiscourseExchange.RESPONSE_CONTENT_TYPE, String.class),
                result.getMessage().getBody(byte[].class));
    }
}
