package org.kbbridge.domain.view;

import org.kbbridge.domain.model.PageContent;

public record PageContentView(PageContent item, boolean deleted) implements ItemView {
}
