package org.kbbridge.archfixture.clean.simulator;

import java.util.Map;

public class FakeServer {
    public Map<String, String> topics = Map.of();
}
