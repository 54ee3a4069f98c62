package org.kbbridge.archfixture.simulatorleak.simulator;

import org.kbbridge.archfixture.simulatorleak.domain.Topic;

public class FakeForum {
    public Topic topic = new Topic();
}
