package org.kbbridge.port.in;

import java.util.List;
import org.kbbridge.domain.view.ItemView;

/** One page of a list: the items and the cursor of the next page (null on the last). */
public record KnowledgeList(List<ItemView> items, String nextCursor) {
}
