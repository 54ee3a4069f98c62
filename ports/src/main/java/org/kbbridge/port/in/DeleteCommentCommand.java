package org.kbbridge.port.in;

public record DeleteCommentCommand(long accountId, long commentId, String idempotencyKey) {

    public DeleteCommentCommand {
        WriteCommands.account(accountId);
        WriteCommands.id(commentId, "comment id");
        WriteCommands.key(idempotencyKey);
    }
}
