package org.kbbridge.port.out;

/** Discourse refused a write (422 validation, 403 permission, 409 edit conflict, 404 unknown topic or post). */
public class WriteRefusedException extends SourceException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String discourseMessage;

    public WriteRefusedException(int status, String discourseMessage) {
        super("Discourse refused the write (HTTP " + status + "): " + discourseMessage);
        this.status = status;
        this.discourseMessage = discourseMessage;
    }

    /** Discourse's HTTP status. */
    public int status() {
        return status;
    }

    /** Discourse's own words ({@code errors} joined). */
    public String discourseMessage() {
        return discourseMessage;
    }
}
