package org.kbbridge.port.in;

/** Discourse refused the account's credentials when they were checked; the message is Discourse's reason. */
public class CredentialsRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CredentialsRefusedException(String message) {
        super(message);
    }
}
