package org.kbbridge.domain.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque list cursors: the keyset position (the last id served) bound to the query it belongs to and signed, so
 * a cursor that was edited, or replayed against another query, is recognised and refused.
 */
public final class CursorCodec {

    private static final String VERSION = "c1";
    private static final int TAG_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    public CursorCodec(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("cursor secret must have at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * @param queryFingerprint a canonical description of the query (resource, account, filters, limit aside)
     * @param lastKey the sort key of the last item on the page
     */
    public String encode(String queryFingerprint, String lastKey) {
        byte[] payload = (VERSION + "\n" + lastKey).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(tag(queryFingerprint, payload));
    }

    /** The last key, or empty when the cursor is malformed, tampered with or belongs to another query. */
    public Optional<String> decode(String queryFingerprint, String cursor) {
        if (cursor == null) {
            return Optional.empty();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] tag;
        try {
            payload = DECODER.decode(cursor.substring(0, dot));
            tag = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(tag, tag(queryFingerprint, payload))) {
            return Optional.empty();
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        String prefix = VERSION + "\n";
        return text.startsWith(prefix) ? Optional.of(text.substring(prefix.length())) : Optional.empty();
    }

    private byte[] tag(String queryFingerprint, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(queryFingerprint.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(payload);
            return Arrays.copyOf(mac.doFinal(), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
