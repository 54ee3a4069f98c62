package org.kbbridge.domain.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Formats a post body can be served in: Discourse's raw markdown, its cooked html, or text derived from the html. */
public enum BodyFormat {
    MARKDOWN, HTML, PLAINTEXT;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BodyFormat> parse(String value) {
        return Arrays.stream(values()).filter(f -> f.wire().equals(value)).findFirst();
    }
}
