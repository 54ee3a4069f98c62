package org.kbbridge.port.out;

import org.kbbridge.domain.source.SourcePost;

/**
 * A Discourse webhook event, decoded. Post and Solved events carry the post as the system user saw it (whispers and
 * private messages included: the knowledge rules still apply); topic events carry the topic's id and archetype.
 *
 * @param archetype the topic's archetype ({@code regular}, {@code private_message}), null when the payload lacks it
 */
public record ForumEvent(Kind kind, String name, Long topicId, String archetype, boolean topicDeleted,
        SourcePost post) {

    /** The event types kb-bridge tells apart ({@code X-Discourse-Event-Type}). */
    public enum Kind { PING, POST, TOPIC, SOLVED, OTHER }

    public boolean privateMessage() {
        return archetype != null && !"regular".equals(archetype);
    }
}
