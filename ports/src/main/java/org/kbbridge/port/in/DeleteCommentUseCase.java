package org.kbbridge.port.in;

import org.kbbridge.port.out.WriteAnswer;

/**
 * Deletes a reply in Discourse; the stored comment becomes a tombstone. With an idempotency key, a repeat with the same request gets the first answer and writes nothing.
 */
public interface DeleteCommentUseCase {

    WriteAnswer deleteComment(DeleteCommentCommand command);
}
