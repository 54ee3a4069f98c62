package org.kbbridge.port.in;

import org.kbbridge.port.out.WriteAnswer;

/**
 * Replies in Discourse, then stores the reply as a comment. With an idempotency key, a repeat with the same request gets the first answer and writes nothing.
 */
public interface CreateCommentUseCase {

    WriteAnswer createComment(CreateCommentCommand command);
}
