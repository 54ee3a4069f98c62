package org.kbbridge.port.out;

/** A call to the forum failed for good (after the retries the policy allows). */
public class SourceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
