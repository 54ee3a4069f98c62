package org.kbbridge.domain.view;

import org.kbbridge.domain.model.Page;

/** {@code acceptedAnswerId}: the live comment of this page marked as the accepted answer, if any. */
public record PageView(Page item, boolean deleted, String acceptedAnswerId) implements ItemView {
}
