package org.kbbridge.domain.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a canonical, unambiguous encoding of field values (length-prefixed, nulls distinct from ""). */
public final class ContentHash {

    private ContentHash() {
    }

    public static String of(Object... fields) {
        MessageDigest digest = sha256();
        for (Object field : fields) {
            if (field == null) {
                digest.update((byte) 0);
                continue;
            }
            byte[] bytes = String.valueOf(field).getBytes(StandardCharsets.UTF_8);
            digest.update((byte) 1);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
