package org.kbbridge.app.http;

/** An answer other than success: the status, the error code of SPEC 3's error model, and what to fix. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String error;

    public ApiException(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "unauthorized",
                "send the admin token or a tenant token as 'Authorization: Bearer <token>'");
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public static ApiException unprocessable(String message) {
        return new ApiException(422, "unprocessable_entity", message);
    }
}
