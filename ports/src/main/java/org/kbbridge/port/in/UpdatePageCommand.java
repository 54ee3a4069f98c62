package org.kbbridge.port.in;

import java.util.List;

/** A topic edit: null fields stay as they are, an empty tag list clears the tags; at least one field is given. */
public record UpdatePageCommand(long accountId, long pageId, String title, Long collectionId, List<String> tags,
        String idempotencyKey) {

    public UpdatePageCommand {
        WriteCommands.account(accountId);
        WriteCommands.id(pageId, "page id");
        WriteCommands.text(title, "title", false);
        if (collectionId != null) {
            WriteCommands.id(collectionId, "collection_id");
        }
        tags = WriteCommands.tags(tags);
        if (title == null && collectionId == null && tags == null) {
            throw new InvalidRequestException("give at least one of title, collection_id or tags");
        }
        WriteCommands.key(idempotencyKey);
    }
}
