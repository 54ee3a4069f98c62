package org.kbbridge.port.in;

import java.util.List;
import org.kbbridge.domain.view.ItemView;

/**
 * What a write did: the item as the store now holds it ({@code item} null when queued for approval, or when the
 * written topic is outside the account's sync scope), and the requested tags Discourse did not apply.
 */
public record WriteResult(Outcome outcome, ItemView item, String remoteId, List<String> tagsNotApplied) {

    public enum Outcome { CREATED, UPDATED, PENDING_APPROVAL, DELETED }

    public WriteResult {
        tagsNotApplied = tagsNotApplied == null ? List.of() : List.copyOf(tagsNotApplied);
    }
}
