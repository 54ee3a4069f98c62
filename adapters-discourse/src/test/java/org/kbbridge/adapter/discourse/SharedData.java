package org.kbbridge.adapter.discourse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The captured Discourse responses in {@code shared/discourse/data}. */
final class SharedData {

    static final ObjectMapper JSON = new ObjectMapper();

    private SharedData() {
    }

    static Path dataDir() {
        String configured = System.getProperty("kb.shared.dir");
        Path shared = configured != null && Files.isDirectory(Path.of(configured)) ? Path.of(configured)
                : Path.of("..", "..", "shared");
        return shared.resolve("discourse").resolve("data");
    }

    static String text(String file) {
        try {
            return Files.readString(dataDir().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String file) {
        return parse(text(file));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
