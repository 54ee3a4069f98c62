package org.kbbridge.port.in;

import org.kbbridge.domain.account.SyncSettings;

/** A partial change of an account: null fields stay as they are. New credentials are checked like on register. */
public record UpdateAccountCommand(
        String name,
        String apiKey,
        String apiUsername,
        Integer rateLimitPerMinute,
        String webhookSecret,
        SyncSettings sync,
        boolean validateCredentials) {

    public UpdateAccountCommand {
        if (name != null && name.isBlank()) {
            throw new InvalidRequestException("name must not be empty");
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new InvalidRequestException("api_key must not be empty");
        }
        if (rateLimitPerMinute != null && (rateLimitPerMinute < 1 || rateLimitPerMinute > 10_000)) {
            throw new InvalidRequestException("rate_limit_per_minute must be between 1 and 10000");
        }
        if (webhookSecret != null && webhookSecret.length() < 12) {
            throw new InvalidRequestException("webhook_secret must be at least 12 characters, as Discourse requires");
        }
    }
}
