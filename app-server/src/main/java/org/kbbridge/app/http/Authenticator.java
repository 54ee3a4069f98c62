package org.kbbridge.app.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.port.out.ApiTokens;

/** Bearer tokens: stored as SHA-256 hashes, looked up by hash. */
public final class Authenticator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiTokens tokens;

    public Authenticator(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public Principal authenticate(ApiRequest request) {
        String header = request.header("Authorization").orElseThrow(ApiException::unauthorized).trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized();
        }
        String token = header.substring(7).trim();
        if (token.isEmpty()) {
            throw ApiException.unauthorized();
        }
        return tokens.findByHash(hash(token)).orElseThrow(ApiException::unauthorized);
    }

    /** A new random token (shown once) stored under its hash. */
    public String issue(Principal principal) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = (principal.admin() ? "kba_" : "kbt_") + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(bytes);
        tokens.save(hash(token), principal);
        return token;
    }

    public boolean hasAdmin() {
        return tokens.anyAdmin();
    }

    /** KB_ADMIN_TOKEN: this token is the admin token, and any earlier one (generated or set before) is revoked. */
    public void makeSoleAdmin(String token) {
        tokens.replaceAdmin(hash(token));
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
