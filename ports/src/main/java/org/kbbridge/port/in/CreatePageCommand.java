package org.kbbridge.port.in;

import java.util.List;

/** A new topic in a collection (category); {@code tags} null means none asked for. */
public record CreatePageCommand(long accountId, long collectionId, String title, String body, List<String> tags,
        String idempotencyKey) {

    public CreatePageCommand {
        WriteCommands.account(accountId);
        WriteCommands.id(collectionId, "collection_id");
        WriteCommands.text(title, "title", true);
        WriteCommands.text(body, "body", true);
        tags = WriteCommands.tags(tags);
        WriteCommands.key(idempotencyKey);
    }
}
