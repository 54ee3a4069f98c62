package org.kbbridge.port.out;

import java.util.List;

/**
 * What to create: a topic when {@code topicId} is null (then {@code title}, {@code categoryId} and {@code tags}
 * apply), else a reply in that topic, to post {@code replyToPostNumber} when set.
 */
public record NewPost(Long topicId, String title, Long categoryId, List<String> tags, String raw,
        Integer replyToPostNumber) {

    public NewPost {
        tags = tags == null ? null : List.copyOf(tags);
    }

    public boolean isTopic() {
        return topicId == null;
    }
}
