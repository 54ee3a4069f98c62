package org.kbbridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A small client for one node's admin API and its Prometheus text, for the ops ITs. */
final class Admin {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String token;

    Admin(int port, String token) {
        this.port = port;
        this.token = token;
    }

    HttpResponse<String> send(String method, String path, String body, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String method, String path, String body, int expectedStatus) {
        HttpResponse<String> r = send(method, path, body, token);
        if (r.statusCode() != expectedStatus) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return r.body().isEmpty() ? null : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    long createAccount(String baseUrl, String apiKey, String apiUsername, String schedule) {
        String body = JSON.createObjectNode().put("name", "sim").put("base_url", baseUrl).put("api_key", apiKey)
                .put("api_username", apiUsername).put("key_kind", "global").put("rate_limit_per_minute", 6000)
                .set("sync", JSON.createObjectNode().put("schedule", schedule)).toString();
        return json("POST", "/admin/integrated-accounts?validate=false", body, 201).get("id").asLong();
    }

    List<JsonNode> runs(long accountId) {
        List<JsonNode> runs = new ArrayList<>();
        json("GET", "/admin/sync-runs?limit=100&integrated_account_id=" + accountId, null, 200).get("result")
                .forEach(runs::add);
        return runs;
    }

    /** Polls the account's runs (a bounded number of times) until the condition holds. */
    List<JsonNode> awaitRuns(long accountId, Predicate<List<JsonNode>> condition, String what) {
        for (int i = 0; i < 600; i++) {
            List<JsonNode> runs = runs(accountId);
            if (condition.test(runs)) {
                return runs;
            }
            pause();
        }
        throw new AssertionError("gave up waiting for " + what + "; runs: " + runs(accountId));
    }

    /** Prometheus text: every sample line as "name{labels}" → value. */
    Map<String, Double> metrics() {
        HttpResponse<String> r = send("GET", "/metrics", null, token);
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    static boolean finished(JsonNode run) {
        String status = run.get("status").asText();
        return !status.equals("queued") && !status.equals("running");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
