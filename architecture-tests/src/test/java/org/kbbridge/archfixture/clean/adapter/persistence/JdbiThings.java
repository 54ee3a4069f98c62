package org.kbbridge.archfixture.clean.adapter.persistence;

import org.jdbi.v3.core.Jdbi;
import org.kbbridge.archfixture.clean.domain.Thing;
import org.kbbridge.archfixture.clean.port.out.Things;

public class JdbiThings implements Things {
    private final Jdbi jdbi;

    public JdbiThings(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Thing find(String id) {
        return jdbi.withHandle(h -> new Thing(id));
    }
}
