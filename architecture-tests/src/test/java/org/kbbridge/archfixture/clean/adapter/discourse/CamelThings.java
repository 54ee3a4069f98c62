package org.kbbridge.archfixture.clean.adapter.discourse;

import org.apache.camel.ProducerTemplate;
import org.kbbridge.archfixture.clean.domain.Thing;
import org.kbbridge.archfixture.clean.port.out.Things;

public class CamelThings implements Things {
    private final ProducerTemplate template;

    public CamelThings(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public Thing find(String id) {
        return new Thing(template.requestBody("direct:thing", id, String.class));
    }
}
