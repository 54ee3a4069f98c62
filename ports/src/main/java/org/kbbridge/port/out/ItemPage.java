package org.kbbridge.port.out;

import java.util.List;
import org.kbbridge.domain.view.ItemView;

/** One page of a keyset walk; {@code hasMore} says whether anything follows the last item. */
public record ItemPage(List<ItemView> items, boolean hasMore) {
}
