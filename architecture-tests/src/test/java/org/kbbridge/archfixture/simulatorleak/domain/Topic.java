package org.kbbridge.archfixture.simulatorleak.domain;

public class Topic {
}
