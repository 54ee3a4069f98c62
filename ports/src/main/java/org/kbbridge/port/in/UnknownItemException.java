package org.kbbridge.port.in;

/**
 * A write names an item the account does not have (or no longer has). {@code inBody}: it was named in the request
 * body (a reference, 422) rather than in the path (the target, 404).
 */
public class UnknownItemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean inBody;

    public UnknownItemException(String message, boolean inBody) {
        super(message);
        this.inBody = inBody;
    }

    public boolean inBody() {
        return inBody;
    }
}
