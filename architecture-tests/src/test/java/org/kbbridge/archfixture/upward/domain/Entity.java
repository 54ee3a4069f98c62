package org.kbbridge.archfixture.upward.domain;

import org.kbbridge.archfixture.upward.port.out.Repository;

public class Entity {
    public Repository repository;
}
