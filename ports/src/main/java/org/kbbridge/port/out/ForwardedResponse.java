package org.kbbridge.port.out;

/** The forum's answer, byte for byte; {@code contentType} is null when the forum sent none. */
public record ForwardedResponse(int status, String contentType, byte[] body) {
}
