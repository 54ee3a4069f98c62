package org.kbbridge.adapter.persistence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under the master key. Every seal takes a fresh random 12-byte nonce; the associated data (e.g. the
 * account id and the secret's purpose) binds a ciphertext to its place, so one copied into another row won't open.
 */
final class SecretSealer {

    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    record Sealed(byte[] ciphertext, byte[] nonce) {
    }

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretSealer(byte[] masterKey) {
        if (masterKey == null || masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("KB_MASTER_KEY must be 32 bytes (base64 of 32 random bytes), got "
                    + (masterKey == null ? "none" : masterKey.length + " bytes"));
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
    }

    Sealed seal(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
            return new Sealed(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)), nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    String open(Sealed sealed, String associatedData) {
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, sealed.nonce(), associatedData);
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "a stored secret does not open under this master key (wrong KB_MASTER_KEY, or the row was altered)", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
