package org.kbbridge.port.out;

/** Reads a Discourse webhook body; {@link org.kbbridge.port.in.InvalidRequestException} when it cannot. */
public interface ForumEventDecoder {

    ForumEvent decode(String eventType, String eventName, byte[] body);
}
