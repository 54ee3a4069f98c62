package org.kbbridge.port.in;

import java.util.Set;

/**
 * A proxy request (SPEC 3.4): one of GET, POST, PUT, PATCH, DELETE to a path of the account's forum. Validates
 * itself: the path must be a path (no scheme, no host, no way out of the forum's base URL).
 */
public record ForwardRequestCommand(long accountId, String method, String path, String rawQuery, byte[] body,
        String contentType) {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    public ForwardRequestCommand {
        if (!METHODS.contains(method)) {
            throw new InvalidRequestException("the proxy forwards GET, POST, PUT, PATCH and DELETE, not " + method);
        }
        if (path == null || path.isEmpty() || path.equals("/")) {
            throw new InvalidRequestException("give the Discourse path after the account id, e.g. /proxy/"
                    + accountId + "/latest.json");
        }
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("\\")
                || path.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new InvalidRequestException("the Discourse path must be a plain path such as /latest.json");
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..") || segment.equals(".") || segment.equalsIgnoreCase("%2e%2e")) {
                throw new InvalidRequestException("the Discourse path must not contain '.' or '..' segments");
            }
        }
    }

    public String pathAndQuery() {
        return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }
}
