package org.kbbridge.archfixture.upward.port.out;

public interface Repository {
}
