package org.kbbridge.app.http;

import java.util.Map;

/**
 * Status, content type, body and extra headers of an answer; {@code bytes}, when set, is sent instead of
 * {@code body} (the proxy's answers byte for byte, and JSON written straight to UTF-8).
 */
public record ApiResponse(int status, String contentType, String body, Map<String, String> headers, byte[] bytes) {

    public static final String JSON = "application/json";

    public ApiResponse(int status, String contentType, String body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, JSON, body, Map.of());
    }

    public static ApiResponse json(int status, byte[] utf8) {
        return new ApiResponse(status, JSON, null, Map.of(), utf8);
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, null, "", Map.of());
    }

    public static ApiResponse raw(int status, String contentType, byte[] bytes) {
        return new ApiResponse(status, contentType, null, Map.of(), bytes == null ? new byte[0] : bytes);
    }
}
