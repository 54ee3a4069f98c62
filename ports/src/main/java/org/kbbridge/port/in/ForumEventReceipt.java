package org.kbbridge.port.in;

/** What became of a webhook delivery. */
public enum ForumEventReceipt {
    /** A ping: nothing to apply. */
    PING,
    /** Applied to the store from the payload (or it changed nothing that is knowledge), and recorded. */
    APPLIED,
    /** The event id was seen before: nothing applied a second time. */
    DUPLICATE,
    /** Not about knowledge (a private message, a whisper in a topic we do not hold, another event type). */
    IGNORED,
    /** A targeted re-read of the topic was queued; the event is recorded once it is applied. */
    QUEUED
}
