package org.kbbridge.port.out;

import java.util.List;
import org.kbbridge.domain.source.SourceTopic;

/** {@code hasMore}: Discourse sent {@code more_topics_url}, i.e. the page was full. */
public record TopicListPage(List<SourceTopic> topics, boolean hasMore) {
}
