package org.kbbridge.archfixture.clean.port.out;

import org.kbbridge.archfixture.clean.domain.Thing;

public interface Things {
    Thing find(String id);
}
