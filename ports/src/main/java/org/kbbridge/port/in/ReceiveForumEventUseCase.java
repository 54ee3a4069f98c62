package org.kbbridge.port.in;

/**
 * Takes a webhook delivery from Discourse (SPEC 3.5): verifies its signature with the account's webhook secret,
 * drops repeats of an event id, and applies the event to the store, from the payload where it says enough, else by
 * re-reading the one topic it concerns.
 */
public interface ReceiveForumEventUseCase {

    ForumEventReceipt receive(ReceiveForumEventCommand command);
}
