package org.kbbridge.port.out;

/**
 * A request for the forum: {@code pathAndQuery} starts with '/' and carries the query string as the caller sent it;
 * {@code body} and {@code contentType} may be null.
 */
public record ForwardedRequest(String method, String pathAndQuery, byte[] body, String contentType) {
}
