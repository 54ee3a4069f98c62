package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

final class Response {
    final int status;
    final String contentType;
    final byte[] body;
    final Map<String, String> headers = new LinkedHashMap<>();

    Response(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    static Response json(int status, JsonNode n) {
        return new Response(status, "application/json; charset=utf-8", Json.bytes(n));
    }

    static Response json(JsonNode n) {
        return json(200, n);
    }

    static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    static Response notFound() {
        return json(404, Json.errors("The requested URL or resource could not be found.", "not_found"));
    }

    static Response invalidParam(String name) {
        return json(400, Json.errors("You supplied invalid parameters to the request: " + name, "invalid_parameters"));
    }

    static Response forbidden() {
        return json(403, Json.errors("You are not permitted to view the requested resource.", "invalid_access"));
    }

    static Response redirect(String location) {
        Response r = text(301, "text/html; charset=utf-8", "<html><body>You are being <a href=\"" + location + "\">redirected</a>.</body></html>");
        r.headers.put("Location", location);
        return r;
    }

    Response header(String k, String v) {
        headers.put(k, v);
        return this;
    }
}
