package org.kbbridge.domain.model;

/** The Discourse user who wrote something; {@code name} is null when the forum shows no full names. */
public record UserRef(String id, String username, String name) {
}
