package org.kbbridge.app.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON in and out of the API. */
public final class Json {

    private Json() {
    }

    public static ObjectMapper mapper() {
        return new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    static ApiResponse ok(ObjectMapper mapper, Object body) {
        return write(mapper, 200, body);
    }

    /** Writes a JSON answer with a generator. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator generator) throws IOException;
    }

    /** A 200 answer written straight to UTF-8 bytes, with no tree or map in between. */
    static ApiResponse ok(ObjectMapper mapper, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        try (JsonGenerator generator = mapper.getFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            writer.write(generator);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
        return ApiResponse.json(200, bytes.toByteArray());
    }

    static ApiResponse write(ObjectMapper mapper, int status, Object body) {
        try {
            return ApiResponse.json(status, mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an answer", e);
        }
    }

    static ApiResponse error(ObjectMapper mapper, int status, String error, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", status);
        body.put("error", error);
        body.put("message", message);
        return write(mapper, status, body);
    }

    /** The request body as a JSON object; anything else is a 400 that says so. */
    static JsonNode object(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be a JSON object");
        }
        return node;
    }
}
