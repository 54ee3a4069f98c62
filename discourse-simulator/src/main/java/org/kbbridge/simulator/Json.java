package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

final class Json {
    static final ObjectMapper M = new ObjectMapper();
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode obj() {
        return M.createObjectNode();
    }

    static ArrayNode arr() {
        return M.createArrayNode();
    }

    static String ts(Instant t) {
        return t == null ? null : TS.format(t);
    }

    static byte[] bytes(JsonNode n) {
        try {
            return M.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode template(String name) {
        try (InputStream in = Json.class.getResourceAsStream("templates/" + name + ".json")) {
            return (ObjectNode) M.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode errors(String message, String errorType) {
        ObjectNode o = obj();
        o.putArray("errors").add(message);
        if (errorType != null) {
            o.put("error_type", errorType);
        }
        return o;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A small Markdown subset rendered the way Discourse's cooked HTML looks. */
    static String cook(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        String[] blocks = raw.split("\n\n+");
        for (String b : blocks) {
            String t = b.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            if (t.startsWith("```")) {
                String code = t.replaceAll("^```[a-z]*\n?", "").replaceAll("\n?```$", "");
                out.append("<pre><code class=\"lang-auto\">").append(escape(code)).append("</code></pre>");
            } else if (t.startsWith("* ")) {
                out.append("<ul>\n");
                for (String line : t.split("\n")) {
                    out.append("<li>").append(escape(line.replaceFirst("^\\*\\s*", ""))).append("</li>\n");
                }
                out.append("</ul>");
            } else {
                out.append("<p>").append(escape(t).replace("\n", "<br>\n")).append("</p>");
            }
        }
        return out.toString();
    }

    static String excerpt(String raw, int max) {
        String s = raw == null ? "" : raw.replaceAll("```[\\s\\S]*?```", "").replaceAll("\\s+", " ").strip();
        return s.length() <= max ? escape(s) : escape(s.substring(0, max)) + "&hellip;";
    }
}
