package org.kbbridge.domain.view;

import org.kbbridge.domain.model.Tag;

/** {@code pageCount}: live pages carrying this tag. */
public record TagView(Tag item, boolean deleted, int pageCount) implements ItemView {
}
