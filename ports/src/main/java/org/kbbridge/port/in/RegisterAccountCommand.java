package org.kbbridge.port.in;

import java.net.URI;
import java.util.Locale;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;

/**
 * A new integrated account. Validates itself: a name, an http(s) base URL without query or fragment, a key, a
 * username for global keys, a positive rate limit (null = the key kind's Discourse default).
 */
public record RegisterAccountCommand(
        String name,
        String baseUrl,
        String apiKey,
        String apiUsername,
        KeyKind keyKind,
        Integer rateLimitPerMinute,
        String webhookSecret,
        SyncSettings sync,
        boolean validateCredentials) {

    public RegisterAccountCommand {
        if (name == null || name.isBlank()) {
            throw new InvalidRequestException("name is required: a label for this forum, e.g. \"Community\"");
        }
        baseUrl = normaliseBaseUrl(baseUrl);
        if (keyKind == null) {
            throw new InvalidRequestException("key_kind is required: \"global\" or \"user\"");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidRequestException("api_key is required: a Discourse API key");
        }
        if (keyKind == KeyKind.GLOBAL && (apiUsername == null || apiUsername.isBlank())) {
            throw new InvalidRequestException("api_username is required for a global key: the user the key acts as");
        }
        if (rateLimitPerMinute != null && (rateLimitPerMinute < 1 || rateLimitPerMinute > 10_000)) {
            throw new InvalidRequestException("rate_limit_per_minute must be between 1 and 10000");
        }
        if (webhookSecret != null && webhookSecret.length() < 12) {
            throw new InvalidRequestException("webhook_secret must be at least 12 characters, as Discourse requires");
        }
        sync = sync == null ? SyncSettings.defaults() : sync;
    }

    public int effectiveRateLimit() {
        return rateLimitPerMinute != null ? rateLimitPerMinute : keyKind.defaultRateLimitPerMinute();
    }

    public static String normaliseBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new InvalidRequestException("base_url is required: the forum's address, e.g. https://forum.example.com");
        }
        URI uri;
        try {
            uri = URI.create(baseUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("base_url is not a valid URL: " + baseUrl);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new InvalidRequestException("base_url must be an http or https URL with a host, e.g. "
                    + "https://forum.example.com");
        }
        if (uri.getQuery() != null || uri.getFragment() != null || uri.getUserInfo() != null) {
            throw new InvalidRequestException("base_url must not carry credentials, a query or a fragment");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
