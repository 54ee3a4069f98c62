package org.kbbridge.domain.model;

public record PageStats(int views, int replyCount, int likeCount) {
}
