package org.kbbridge.port.in;

/** The Idempotency-Key was used before with another request (another endpoint, item or body). */
public class IdempotencyKeyReusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException(String message) {
        super(message);
    }
}
