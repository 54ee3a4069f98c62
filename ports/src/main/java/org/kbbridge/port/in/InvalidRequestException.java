package org.kbbridge.port.in;

/** The caller's request cannot be served as asked; the message says what to change. Maps to 400. */
public class InvalidRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
