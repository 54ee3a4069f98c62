package org.kbbridge.app.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a handler needs of an HTTP request; query parameters keep every value given. {@code rawQuery} and
 * {@code rawBody} are the query string and body exactly as sent (the proxy forwards them unchanged).
 */
public record ApiRequest(
        String method,
        Map<String, String> pathParams,
        Map<String, List<String>> query,
        Map<String, String> headers,
        String body,
        String rawQuery,
        byte[] rawBody) {

    public ApiRequest(String method, Map<String, String> pathParams, Map<String, List<String>> query,
            Map<String, String> headers, String body) {
        this(method, pathParams, query, headers, body, null, null);
    }

    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst();
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    /** A single-valued query parameter; given twice is an error, since we would have to guess which one counts. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ApiException.badRequest(name + " was given " + values.size() + " times; give it once");
        }
        return Optional.of(values.get(0));
    }
}
