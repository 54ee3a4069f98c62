package org.kbbridge.adapter.discourse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny scripted HTTP server standing in for Discourse: per path a sequence of replies (the last one repeats) or a
 * function of the request; it records every request it receives.
 */
final class FakeDiscourse implements AutoCloseable {

    /** One request as the server saw it; header names lower-cased. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    @FunctionalInterface
    interface Reply {
        void send(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Function<Seen, Reply>> routes = new ConcurrentHashMap<>();

    FakeDiscourse() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replies in order; the last one answers every later request. */
    FakeDiscourse on(String path, Reply... replies) {
        List<Reply> script = List.of(replies);
        int[] next = {0};
        routes.put(path, request -> {
            synchronized (next) {
                Reply reply = script.get(Math.min(next[0], script.size() - 1));
                next[0]++;
                return reply;
            }
        });
        return this;
    }

    FakeDiscourse on(String path, Function<Seen, Reply> replies) {
        routes.put(path, replies);
        return this;
    }

    List<Seen> seen() {
        return Collections.unmodifiableList(new ArrayList<>(seen));
    }

    long count(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).count();
    }

    static Reply json(String body) {
        return json(200, body);
    }

    static Reply json(int status, String body, String... headerPairs) {
        return respond(status, "application/json; charset=utf-8", body, headerPairs);
    }

    static Reply text(int status, String body, String... headerPairs) {
        return respond(status, "text/plain; charset=utf-8", body, headerPairs);
    }

    /** The connection closes without any answer, as a reset would. */
    static Reply reset() {
        return exchange -> {
            throw new IOException("simulated connection reset");
        };
    }

    /** Promises the whole body, sends half of it, closes. */
    static Reply truncated(String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            OutputStream out = exchange.getResponseBody();
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            throw new IOException("simulated truncation");
        };
    }

    /** Answers only after {@code millis}. */
    static Reply slow(long millis, Reply then) {
        return exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            then.send(exchange);
        };
    }

    private static Reply respond(int status, String contentType, String body, String... headerPairs) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", contentType);
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                headers.set(headerPairs[i], headerPairs[i + 1]);
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        seen.add(request);
        Function<Seen, Reply> route = routes.get(request.path());
        Reply reply = route == null
                ? json(404, "{\"errors\":[\"The requested URL or resource could not be found.\"],\"error_type\":\"not_found\"}")
                : route.apply(request);
        try {
            reply.send(exchange);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
