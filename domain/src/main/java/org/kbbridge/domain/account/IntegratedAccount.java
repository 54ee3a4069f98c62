package org.kbbridge.domain.account;

import java.time.Instant;

/**
 * A Discourse forum kb-bridge is connected to. Secrets (API key, webhook secret) are not part of this record:
 * they are sealed in the store and only unsealed where a request to Discourse needs them.
 */
public record IntegratedAccount(
        long id,
        String name,
        String baseUrl,
        String apiUsername,
        KeyKind keyKind,
        int rateLimitPerMinute,
        boolean hasWebhookSecret,
        SyncSettings sync,
        AccountStatus status,
        Instant createdAt,
        Instant updatedAt) {
}
