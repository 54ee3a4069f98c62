package org.kbbridge.port.in;

import org.kbbridge.port.out.WriteAnswer;

/**
 * Creates a topic in Discourse, then stores it as a page. With an idempotency key, a repeat with the same request gets the first answer and writes nothing.
 */
public interface CreatePageUseCase {

    WriteAnswer createPage(CreatePageCommand command);
}
