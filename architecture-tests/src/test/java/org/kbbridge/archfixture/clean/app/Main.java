package org.kbbridge.archfixture.clean.app;

import org.apache.camel.CamelContext;
import org.kbbridge.archfixture.clean.adapter.persistence.JdbiThings;

public class Main {
    public JdbiThings things;
    public CamelContext camel;
}
