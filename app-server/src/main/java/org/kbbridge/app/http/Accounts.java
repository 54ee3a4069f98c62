package org.kbbridge.app.http;

final class Accounts {

    private Accounts() {
    }

    static long parseId(String raw, String name) {
        if (raw == null || !raw.matches("[1-9][0-9]{0,17}")) {
            throw ApiException.badRequest(name + " must be a positive numeric id, not '" + raw + "'");
        }
        return Long.parseLong(raw);
    }
}
