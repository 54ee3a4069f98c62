package org.kbbridge.domain.model;

import java.util.Map;

/**
 * Where a comment hangs in its page: the page itself when it replies to nothing, to the first post, or to a post
 * that is not knowledge; otherwise the live comment it replies to.
 */
public record CommentParent(String id, String type) {

    public static final String PAGE = "page";
    public static final String COMMENT = "comment";

    /**
     * @param liveCommentIdsByPostNumber the page's live comments, post number to comment id
     */
    public static CommentParent resolve(String pageId, Integer replyToPostNumber,
            Map<Integer, String> liveCommentIdsByPostNumber) {
        if (replyToPostNumber == null || replyToPostNumber <= 1) {
            return new CommentParent(pageId, PAGE);
        }
        String target = liveCommentIdsByPostNumber.get(replyToPostNumber);
        return target == null ? new CommentParent(pageId, PAGE) : new CommentParent(target, COMMENT);
    }
}
