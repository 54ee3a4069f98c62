package org.kbbridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** Validates real answers against the response schemas of our OpenAPI 3.1 document. */
final class OpenApiCheck {

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Set<String> undocumented = new TreeSet<>();

    OpenApiCheck(JsonNode document) {
        this.document = document;
    }

    /** What is wrong with this answer per the document; empty when it validates. */
    List<String> problems(String method, String pathTemplate, int status, JsonNode body) {
        List<String> problems = new ArrayList<>();
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            problems.add("no operation " + method + " " + pathTemplate + " in the document");
            return problems;
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            undocumented.add(method + " " + pathTemplate + " " + status);
            problems.add("status " + status + " is not documented");
            return problems;
        }
        response = resolve(response);
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            problems.add("status " + status + " has no application/json schema");
            return problems;
        }
        ObjectNode wrapper = schema.deepCopy();
        wrapper.set("components", document.get("components"));
        JsonSchema validator = factory.getSchema(wrapper);
        for (ValidationMessage m : validator.validate(body)) {
            problems.add(m.getMessage());
        }
        return problems;
    }

    Set<String> undocumentedStatuses() {
        return undocumented;
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = document.at(ref.substring(1));
        }
        return node;
    }
}
