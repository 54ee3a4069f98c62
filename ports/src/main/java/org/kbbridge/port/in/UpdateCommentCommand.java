package org.kbbridge.port.in;

/** A new body for a comment. */
public record UpdateCommentCommand(long accountId, long commentId, String body, String idempotencyKey) {

    public UpdateCommentCommand {
        WriteCommands.account(accountId);
        WriteCommands.id(commentId, "comment id");
        WriteCommands.text(body, "body", true);
        WriteCommands.key(idempotencyKey);
    }
}
