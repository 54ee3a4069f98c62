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
import java.util.regex.Pattern;

final class Json {
    static final ObjectMapper M = new ObjectMapper();
    private static final Pattern BLOCKS = Pattern.compile("\n\n+");
    private static final Pattern FENCE_OPEN = Pattern.compile("^```[a-z]*\n?");
    private static final Pattern FENCE_CLOSE = Pattern.compile("\n?```$");
    private static final Pattern LINES = Pattern.compile("\n");
    private static final Pattern BULLET = Pattern.compile("^\\*\\s*");
    private static final Pattern CODE_BLOCK = Pattern.compile("```[\\s\\S]*?```");
    private static final Pattern SPACES = Pattern.compile("\\s+");
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
        String[] blocks = BLOCKS.split(raw);
        for (String b : blocks) {
            String t = b.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            if (t.startsWith("```")) {
                String code = FENCE_CLOSE.matcher(FENCE_OPEN.matcher(t).replaceAll("")).replaceAll("");
                out.append("<pre><code class=\"lang-auto\">").append(escape(code)).append("</code></pre>");
            } else if (t.startsWith("* ")) {
                out.append("<ul>\n");
                for (String line : LINES.split(t)) {
                    out.append("<li>").append(escape(BULLET.matcher(line).replaceFirst(""))).append("</li>\n");
                }
                out.append("</ul>");
            } else {
                out.append("<p>").append(escape(t).replace("\n", "<br>\n")).append("</p>");
            }
        }
        return out.toString();
    }

    static String excerpt(String raw, int max) {
        String s = raw == null ? "" : SPACES.matcher(CODE_BLOCK.matcher(raw).replaceAll("")).replaceAll(" ").strip();
        return s.length() <= max ? escape(s) : escape(s.substring(0, max)) + "&hellip;";
    }
}
