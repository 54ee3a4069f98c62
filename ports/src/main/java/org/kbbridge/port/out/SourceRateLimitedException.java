package org.kbbridge.port.out;

/** The forum kept answering 429 for longer than the client may wait; nothing was done. */
public class SourceRateLimitedException extends SourceException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public SourceRateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** When the forum said to try again, in whole seconds (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
