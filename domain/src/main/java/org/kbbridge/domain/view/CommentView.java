package org.kbbridge.domain.view;

import org.kbbridge.domain.model.Comment;
import org.kbbridge.domain.model.CommentParent;

public record CommentView(Comment item, boolean deleted, CommentParent parent) implements ItemView {
}
