package org.kbbridge.adapter.discourse;

import org.apache.camel.CamelContext;

/** Adds the Discourse routes (error handling, the request route, the read and write routes) to a Camel context. */
public final class DiscourseRoutes {

    private DiscourseRoutes() {
    }

    public static void install(CamelContext camelContext, DiscourseClientSettings settings) {
        try {
            camelContext.addRoutes(new DiscourseErrorHandling());
            camelContext.addRoutes(new DiscourseRequestRoutes(settings));
            camelContext.addRoutes(new DiscourseReadRoutes(settings));
            camelContext.addRoutes(new DiscourseWriteRoutes());
        } catch (Exception e) {
            throw new IllegalStateException("could not add the Discourse routes: " + e.getMessage(), e);
        }
    }
}
