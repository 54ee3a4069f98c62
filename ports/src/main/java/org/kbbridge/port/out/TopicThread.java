package org.kbbridge.port.out;

import java.util.List;
import org.kbbridge.domain.source.SourcePost;
import org.kbbridge.domain.source.SourceTopic;

/** A topic with every post of its stream (not only the first chunk of 20). */
public record TopicThread(SourceTopic topic, List<SourcePost> posts) {
}
