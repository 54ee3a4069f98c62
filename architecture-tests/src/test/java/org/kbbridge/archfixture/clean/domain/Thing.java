package org.kbbridge.archfixture.clean.domain;

public record Thing(String id) {
}
