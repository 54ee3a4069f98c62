package org.kbbridge.adapter.discourse;

import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * Shared error handling of every Discourse route: no Camel redelivery and no error-handler logging. Retries are the
 * request route's own loop (so that every retry passes the throttle again and is counted), and failures reach the
 * caller as the {@link org.kbbridge.port.out.SourceException} the policy threw, with nothing logged that could
 * carry a credential header.
 */
public final class DiscourseErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "discourse-error-handling";

    @Override
    public void configuration() {
        routeConfiguration(ID).errorHandler(noErrorHandler());
    }
}
