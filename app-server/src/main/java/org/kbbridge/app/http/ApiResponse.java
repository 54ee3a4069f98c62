package org.kbbridge.app.http;

import java.util.Map;

/** Status, content type, body and extra headers of an answer. */
public record ApiResponse(int status, String contentType, String body, Map<String, String> headers) {

    public static final String JSON = "application/json";

    public static ApiResponse json(int status, String body) {
        return new ApiResponse(status, JSON, body, Map.of());
    }

    public static ApiResponse empty(int status) {
        return new ApiResponse(status, null, "", Map.of());
    }
}
