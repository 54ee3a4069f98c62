package org.kbbridge.archfixture.stray.domain;

public class Fine {
}
