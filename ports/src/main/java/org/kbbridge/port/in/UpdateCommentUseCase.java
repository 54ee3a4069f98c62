package org.kbbridge.port.in;

import org.kbbridge.port.out.WriteAnswer;

/**
 * Edits a reply in Discourse, then in the store. With an idempotency key, a repeat with the same request gets the first answer and writes nothing.
 */
public interface UpdateCommentUseCase {

    WriteAnswer updateComment(UpdateCommentCommand command);
}
