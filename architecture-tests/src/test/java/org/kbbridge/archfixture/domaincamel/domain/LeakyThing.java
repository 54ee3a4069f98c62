package org.kbbridge.archfixture.domaincamel.domain;

import org.apache.camel.Exchange;

public class LeakyThing {
    public String bodyOf(Exchange exchange) {
        return exchange.getMessage().getBody(String.class);
    }
}
