package org.kbbridge.port.out;

import java.util.Objects;

/** The answer to a write as the client receives it (status and JSON body), stored to replay to repeats. */
public record WriteAnswer(int status, String body) {

    public WriteAnswer {
        Objects.requireNonNull(body, "body");
    }
}
