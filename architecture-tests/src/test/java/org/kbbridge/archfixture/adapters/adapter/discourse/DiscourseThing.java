package org.kbbridge.archfixture.adapters.adapter.discourse;

import org.kbbridge.archfixture.adapters.adapter.persistence.StoreThing;

public class DiscourseThing {
    public StoreThing shortcut = new StoreThing();
}
