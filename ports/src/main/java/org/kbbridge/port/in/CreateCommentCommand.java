package org.kbbridge.port.in;

/** A reply on a page; {@code parentId} a comment of that page to reply to it, else (or the page's id) the page. */
public record CreateCommentCommand(long accountId, long pageId, String body, Long parentId, String idempotencyKey) {

    public CreateCommentCommand {
        WriteCommands.account(accountId);
        WriteCommands.id(pageId, "page_id");
        WriteCommands.text(body, "body", true);
        if (parentId != null) {
            WriteCommands.id(parentId, "parent_id");
        }
        WriteCommands.key(idempotencyKey);
    }
}
