package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parsed HTTP request: path without ".json", query and body parameters merged. */
final class Request {
    final String method;
    final String rawPath;
    final String path;
    final String[] seg;
    final String rawQuery;
    final Map<String, List<String>> params = new LinkedHashMap<>();
    final Map<String, List<String>> queryParams = new LinkedHashMap<>();
    final String ip;
    JsonNode json;
    Viewer viewer = Viewer.ANONYMOUS;
    String route = "?";

    Request(HttpExchange ex) throws IOException {
        method = ex.getRequestMethod().toUpperCase();
        rawPath = ex.getRequestURI().getRawPath();
        String p = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        if (p.endsWith(".json")) {
            p = p.substring(0, p.length() - 5);
        }
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        path = p;
        seg = p.equals("/") ? new String[0] : p.substring(1).split("/");
        rawQuery = ex.getRequestURI().getRawQuery();
        parseForm(rawQuery, queryParams);
        params.putAll(queryParams);
        ip = ex.getRemoteAddress().getAddress().getHostAddress();
        byte[] body = ex.getRequestBody().readAllBytes();
        if (body.length > 0) {
            String ct = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
            String text = new String(body, StandardCharsets.UTF_8);
            if (ct.contains("json") || text.startsWith("{")) {
                try {
                    json = Json.M.readTree(body);
                    flatten("", json);
                } catch (IOException e) {
                    json = null;
                }
            } else {
                parseForm(text, params);
            }
        }
    }

    private void flatten(String prefix, JsonNode n) {
        n.fields().forEachRemaining(e -> {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "[" + e.getKey() + "]";
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(key, v);
            } else if (v.isArray()) {
                List<String> l = params.computeIfAbsent(key, k -> new ArrayList<>());
                v.forEach(x -> l.add(x.isTextual() ? x.asText() : x.toString()));
            } else if (!v.isNull()) {
                params.computeIfAbsent(key, k -> new ArrayList<>()).add(v.asText());
            }
        });
    }

    static void parseForm(String s, Map<String, List<String>> into) {
        if (s == null || s.isEmpty()) {
            return;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (k.endsWith("[]")) {
                k = k.substring(0, k.length() - 2);
            }
            into.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
    }

    String param(String name) {
        List<String> l = params.get(name);
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    boolean has(String name) {
        return params.containsKey(name);
    }

    List<String> list(String name) {
        List<String> l = params.get(name);
        return l == null ? List.of() : l;
    }
}
