package org.kbbridge.port.in;

/** Another request with the same Idempotency-Key is still writing; retry with the same key shortly. */
public class WriteInProgressException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WriteInProgressException(String message) {
        super(message);
    }
}
