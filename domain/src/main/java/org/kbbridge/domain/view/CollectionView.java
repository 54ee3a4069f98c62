package org.kbbridge.domain.view;

import org.kbbridge.domain.model.Collection;

/** {@code pageCount}: live pages directly in this collection. */
public record CollectionView(Collection item, boolean deleted, int pageCount) implements ItemView {
}
