package org.kbbridge.port.in;

/**
 * One webhook delivery as it arrived: {@code body} the exact bytes the signature covers; {@code eventId},
 * {@code eventType} and {@code eventName} Discourse's {@code X-Discourse-Event-Id}, {@code -Type} and
 * {@code X-Discourse-Event} headers (null when absent).
 */
public record ReceiveForumEventCommand(long accountId, String eventId, String eventType, String eventName,
        String signature, byte[] body) {

    public ReceiveForumEventCommand {
        if (accountId <= 0) {
            throw new InvalidRequestException("the integrated account id must be a positive number");
        }
        if (body == null) {
            body = new byte[0];
        }
        if (eventId != null && (eventId.isBlank() || eventId.length() > 100)) {
            throw new InvalidRequestException("X-Discourse-Event-Id must be a non-empty id of at most 100 characters");
        }
    }
}
