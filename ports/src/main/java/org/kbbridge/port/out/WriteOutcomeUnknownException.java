package org.kbbridge.port.out;

/** A create was sent but no usable answer came back (timeout, reset, 5xx, truncated body): it may have landed. */
public class WriteOutcomeUnknownException extends SourceException {

    private static final long serialVersionUID = 1L;

    public WriteOutcomeUnknownException(String message) {
        super(message);
    }
}
