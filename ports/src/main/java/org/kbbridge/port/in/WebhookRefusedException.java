package org.kbbridge.port.in;

/** A webhook delivery that does not prove it comes from the forum (no secret, or a signature that does not match). */
public class WebhookRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebhookRefusedException(String message) {
        super(message);
    }
}
