package org.kbbridge.port.out;

/** Discourse answered 401 or 403: the key is wrong, revoked, or lacks the scope. Not retried. */
public class CredentialsRejectedException extends SourceException {

    private static final long serialVersionUID = 1L;

    public CredentialsRejectedException(String message) {
        super(message);
    }
}
