package org.kbbridge.domain.source;

/** Counts the forum reports about itself ({@code /about.json}); used for progress totals. */
public record ForumStats(long topics, long posts) {
}
