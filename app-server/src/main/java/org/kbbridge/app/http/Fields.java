package org.kbbridge.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Typed reads of a JSON request body, each failing with a message that names the field and what it must be. */
final class Fields {

    private final JsonNode node;
    private final String prefix;

    Fields(JsonNode node, String prefix, Set<String> allowed) {
        this.node = node;
        this.prefix = prefix;
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ApiException.badRequest("unknown field '" + prefix + name + "'; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    /** The raw value, for fields that take more than one JSON type. */
    JsonNode node(String name) {
        return node.get(name);
    }

    String text(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isTextual()) {
            throw ApiException.badRequest(prefix + name + " must be a string");
        }
        return v.asText();
    }

    String requiredText(String name, String what) {
        String v = text(name);
        if (v == null || v.isBlank()) {
            throw ApiException.badRequest(prefix + name + " is required: " + what);
        }
        return v;
    }

    Integer integer(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw ApiException.badRequest(prefix + name + " must be a whole number");
        }
        return v.asInt();
    }

    Boolean bool(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw ApiException.badRequest(prefix + name + " must be true or false");
        }
        return v.asBoolean();
    }

    List<Long> ids(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw ApiException.badRequest(prefix + name + " must be an array of numeric ids");
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isIntegralNumber() || !e.canConvertToLong() || e.asLong() <= 0) {
                throw ApiException.badRequest(prefix + name + " must be an array of positive numeric ids");
            }
            ids.add(e.asLong());
        }
        return ids;
    }

    List<String> strings(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isArray()) {
            throw ApiException.badRequest(prefix + name + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.asText().isBlank()) {
                throw ApiException.badRequest(prefix + name + " must be an array of non-empty strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    Fields object(String name, Set<String> allowed) {
        if (!has(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        if (!v.isObject()) {
            throw ApiException.badRequest(prefix + name + " must be a JSON object");
        }
        return new Fields(v, prefix + name + ".", allowed);
    }
}
