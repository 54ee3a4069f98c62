package org.kbbridge.domain.sync;

/**
 * How far a stream of reads has come, written in the same transaction as the page it follows, so a run resumed
 * after a crash starts right after the last committed page. {@code stream} names the read (e.g. "posts"),
 * {@code position} is its opaque state; {@code runId} is the run that wrote it.
 */
public record Checkpoint(long accountId, String stream, String position, Long runId) {
}
