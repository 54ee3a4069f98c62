package org.kbbridge.port.out;

import java.util.Optional;
import java.util.Set;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.view.ItemView;

/** Reads the synced copy: keyset lists with the unified API's filters, and single items. */
public interface KnowledgeReader {

    ItemPage list(ListQuery query);

    /** The item with its remote data, tombstones included. */
    default Optional<ItemView> find(long accountId, ResourceType resource, String id) {
        return find(accountId, resource, id, true);
    }

    /** The item, tombstones included; without {@code includeRemoteData} it carries no remote data. */
    Optional<ItemView> find(long accountId, ResourceType resource, String id, boolean includeRemoteData);

    /** Ids of the live comments the store holds for a page. */
    Set<String> liveCommentIds(long accountId, String pageId);

    /** Ids of the tombstoned pages that have no live first post either: topics known not to be pages. */
    Set<String> tombstonedPagesWithoutContent(long accountId);

    /** Ids of the pages whose first post (page-content) is live. */
    Set<String> pagesWithLiveContent(long accountId);

    /** Ids of the live items of a resource (used by incremental runs to spot what vanished). */
    Set<String> liveIds(long accountId, ResourceType resource);
}
