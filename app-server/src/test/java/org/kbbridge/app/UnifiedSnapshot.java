package org.kbbridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kbbridge.app.http.Json;
import org.kbbridge.app.http.KnowledgeJson;
import org.kbbridge.application.KnowledgeLister;
import org.kbbridge.domain.model.BodyFormat;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.paging.CursorCodec;
import org.kbbridge.domain.view.ItemView;
import org.kbbridge.port.in.KnowledgeList;
import org.kbbridge.port.in.ListKnowledgeQuery;
import org.kbbridge.port.out.KnowledgeReader;

/**
 * What the store serves for an account, walked through the list use case with cursors, in the simulator's truth
 * shape, and a readable diff against the truth.
 */
final class UnifiedSnapshot {

    static final Map<String, ResourceType> LISTS = Map.of("collections", ResourceType.COLLECTION, "pages",
            ResourceType.PAGE, "page_content", ResourceType.PAGE_CONTENT, "comments", ResourceType.COMMENT, "tags",
            ResourceType.TAG);

    private static final ObjectMapper MAPPER = Json.mapper();

    private UnifiedSnapshot() {
    }

    /** Every live item of every resource, walked page by page with next_cursor. */
    static ObjectNode of(KnowledgeReader reader, long accountId) {
        KnowledgeLister lister = new KnowledgeLister(reader, new CursorCodec("snapshot-cursor-secret".getBytes()));
        KnowledgeJson json = new KnowledgeJson(MAPPER);
        ObjectNode out = MAPPER.createObjectNode();
        for (Map.Entry<String, ResourceType> e : new TreeMap<>(LISTS).entrySet()) {
            ArrayNode items = out.putArray(e.getKey());
            java.util.Set<String> seen = new java.util.HashSet<>();
            String cursor = null;
            do {
                KnowledgeList page = lister.list(new ListKnowledgeQuery(accountId, e.getValue(), null, null, null,
                        null, null, false, cursor, 37));
                for (ItemView view : page.items()) {
                    if (!seen.add(view.id())) {
                        throw new AssertionError(e.getKey() + "/" + view.id() + " was served twice in one walk");
                    }
                    items.add(MAPPER.valueToTree(json.render(view, BodyFormat.MARKDOWN, false)));
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        }
        return out;
    }

    /** Differences between the truth and what we serve, projected on the truth's fields; empty when equal. */
    static List<String> diff(JsonNode truth, JsonNode ours) {
        List<String> problems = new ArrayList<>();
        for (String list : new TreeMap<>(LISTS).keySet()) {
            Map<String, JsonNode> want = byId(truth.get(list));
            Map<String, JsonNode> have = byId(ours.get(list));
            for (String id : want.keySet()) {
                if (!have.containsKey(id)) {
                    problems.add(list + "/" + id + " missing: " + want.get(id));
                }
            }
            for (String id : have.keySet()) {
                if (!want.containsKey(id)) {
                    problems.add(list + "/" + id + " extra: " + have.get(id));
                }
            }
            for (String id : want.keySet()) {
                if (have.containsKey(id)) {
                    compare(list + "/" + id, want.get(id), have.get(id), problems);
                }
            }
        }
        return problems;
    }

    private static void compare(String where, JsonNode want, JsonNode have, List<String> problems) {
        Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode mine = have.get(f.getKey());
            if (mine == null || !same(f.getValue(), mine)) {
                problems.add(where + "." + f.getKey() + ": want " + f.getValue() + " have " + mine);
            }
        }
    }

    private static boolean same(JsonNode want, JsonNode have) {
        if (want.isTextual() && have.isTextual() && looksLikeTime(want.asText())) {
            return java.time.Instant.parse(want.asText()).equals(java.time.Instant.parse(have.asText()));
        }
        if (want.isObject() && have.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = want.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (!have.has(f.getKey()) || !same(f.getValue(), have.get(f.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return want.equals(have);
    }

    private static boolean looksLikeTime(String s) {
        return s.length() >= 20 && s.charAt(4) == '-' && s.charAt(10) == 'T' && s.endsWith("Z");
    }

    private static Map<String, JsonNode> byId(JsonNode list) {
        Map<String, JsonNode> map = new TreeMap<>();
        if (list != null) {
            list.forEach(n -> map.put(n.get("id").asText(), n));
        }
        return map;
    }
}
