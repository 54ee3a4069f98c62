package org.kbbridge.archfixture.clean.application;

import org.kbbridge.archfixture.clean.domain.Thing;
import org.kbbridge.archfixture.clean.port.out.Things;

public class FindThing {
    private final Things things;

    public FindThing(Things things) {
        this.things = things;
    }

    public Thing find(String id) {
        return things.find(id);
    }
}
