package org.kbbridge.port.out;

import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;

/** What is stored for a new account, besides its sealed credentials. */
public record NewIntegratedAccount(
        String name, String baseUrl, String apiUsername, KeyKind keyKind, int rateLimitPerMinute, SyncSettings sync) {
}
