package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny HTTP client for tests: real requests against a started simulator. */
final class SimClient {
    static final ObjectMapper M = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    final String base;
    String apiKey;
    String apiUsername;
    String userApiKey;
    final Map<String, String> headers = new LinkedHashMap<>();

    SimClient(DiscourseSimulator sim) {
        base = sim.baseUrl();
        apiKey = sim.apiKey();
        apiUsername = sim.apiUsername();
    }

    static SimClient anonymous(DiscourseSimulator sim) {
        SimClient c = new SimClient(sim);
        c.apiKey = null;
        c.apiUsername = null;
        return c;
    }

    static SimClient userKey(DiscourseSimulator sim) {
        SimClient c = anonymous(sim);
        c.userApiKey = sim.userApiKey();
        return c;
    }

    HttpResponse<String> send(String method, String path, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (apiKey != null) {
            b.header("Api-Key", apiKey);
        }
        if (apiUsername != null) {
            b.header("Api-Username", apiUsername);
        }
        if (userApiKey != null) {
            b.header("User-Api-Key", userApiKey);
        }
        headers.forEach(b::header);
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    JsonNode json(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return parse(r.body());
    }

    JsonNode post(String path, String body) {
        return parse(send("POST", path, body).body());
    }

    static JsonNode parse(String s) {
        try {
            return M.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
