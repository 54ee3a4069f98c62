package org.kbbridge.port.in;

import java.util.ArrayList;
import java.util.List;

/** Checks shared by the write commands; each failure says what to fix. */
final class WriteCommands {

    static final int MAX_KEY_LENGTH = 255;
    static final int MAX_TAGS = 50;

    private WriteCommands() {
    }

    static void account(long accountId) {
        if (accountId <= 0) {
            throw new InvalidRequestException("integrated_account_id must be a positive numeric id");
        }
    }

    static void id(long id, String name) {
        if (id <= 0) {
            throw new InvalidRequestException(name + " must be a positive numeric id");
        }
    }

    static String text(String value, String name, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidRequestException(name + " is required");
            }
            return null;
        }
        if (value.isBlank()) {
            throw new InvalidRequestException(name + " must not be blank");
        }
        return value;
    }

    static List<String> tags(List<String> tags) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidRequestException("tags may hold at most " + MAX_TAGS + " names");
        }
        List<String> out = new ArrayList<>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                throw new InvalidRequestException("tags must be non-empty names");
            }
            out.add(tag.strip());
        }
        return List.copyOf(out);
    }

    /** An Idempotency-Key is any visible ASCII text of 1 to 255 characters, or absent. */
    static String key(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new InvalidRequestException("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH
                    + " visible ASCII characters (a UUID is a good choice)");
        }
        return key;
    }
}
