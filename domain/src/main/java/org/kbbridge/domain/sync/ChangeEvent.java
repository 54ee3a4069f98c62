package org.kbbridge.domain.sync;

import java.time.Instant;
import org.kbbridge.domain.model.ResourceType;

/** One entry of the change feed: the store saw {@code op} on {@code resource/id} at {@code at}; {@code seq} orders them. */
public record ChangeEvent(long seq, long accountId, ResourceType resource, String id, ChangeOp op, Instant at) {
}
