package org.kbbridge.port.in;

import java.util.List;
import org.kbbridge.domain.sync.ChangeEvent;

/**
 * One page of the change feed. {@code nextCursor} is never null: it marks the position after the last change served
 * (or the position given, when nothing new happened), so a consumer keeps polling with it.
 */
public record ChangeList(List<ChangeEvent> changes, String nextCursor) {
}
