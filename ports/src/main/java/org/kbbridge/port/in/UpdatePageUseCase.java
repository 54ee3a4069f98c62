package org.kbbridge.port.in;

import org.kbbridge.port.out.WriteAnswer;

/**
 * Changes a topic's title, category or tags in Discourse, then in the store. With an idempotency key, a repeat with the same request gets the first answer and writes nothing.
 */
public interface UpdatePageUseCase {

    WriteAnswer updatePage(UpdatePageCommand command);
}
