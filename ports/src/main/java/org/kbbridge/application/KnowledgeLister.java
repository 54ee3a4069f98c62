package org.kbbridge.application;

import org.kbbridge.domain.paging.CursorCodec;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.KnowledgeList;
import org.kbbridge.port.in.ListKnowledgeQuery;
import org.kbbridge.port.in.ListKnowledgeUseCase;
import org.kbbridge.port.out.ItemPage;
import org.kbbridge.port.out.KnowledgeReader;
import org.kbbridge.port.out.ListQuery;

public final class KnowledgeLister implements ListKnowledgeUseCase {

    private final KnowledgeReader reader;
    private final CursorCodec cursors;

    public KnowledgeLister(KnowledgeReader reader, CursorCodec cursors) {
        this.reader = reader;
        this.cursors = cursors;
    }

    @Override
    public KnowledgeList list(ListKnowledgeQuery q) {
        String fingerprint = q.fingerprint();
        String after = null;
        if (q.cursor() != null) {
            after = cursors.decode(fingerprint, q.cursor()).orElseThrow(() -> new InvalidRequestException(
                    "next_cursor is not valid for this query: pass the next_cursor of the previous answer unchanged, "
                            + "with the same filters, or leave it out to start from the beginning"));
        }
        ItemPage page = reader.list(new ListQuery(q.accountId(), q.resource(), q.updatedAfter(), q.collectionId(),
                q.pageId(), q.tag(), q.text(), q.includeDeleted(), after, q.limit(),
                q.includeRemoteData()));
        String next = page.hasMore() && !page.items().isEmpty()
                ? cursors.encode(fingerprint, page.items().get(page.items().size() - 1).id())
                : null;
        return new KnowledgeList(page.items(), next);
    }
}
