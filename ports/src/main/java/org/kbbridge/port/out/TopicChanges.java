package org.kbbridge.port.out;

import java.util.List;

/** A topic edit; a null field is left as it is, an empty tag list clears the tags. */
public record TopicChanges(String title, Long categoryId, List<String> tags) {

    public TopicChanges {
        tags = tags == null ? null : List.copyOf(tags);
    }
}
