package org.kbbridge.domain.source;

public record SourceUser(long id, String username, String name) {
}
