package org.kbbridge.adapter.discourse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.kbbridge.port.out.CredentialsRejectedException;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceException;
import org.kbbridge.port.out.SourceRateLimitedException;
import org.kbbridge.port.out.WriteOutcomeUnknownException;
import org.kbbridge.port.out.WriteRefusedException;

/**
 * What to do with one Discourse answer: accept it, wait and retry (429 by Retry-After / wait_seconds / default;
 * 5xx, I/O errors and unparseable JSON by back-off), or fail at once (401/403 and every other 4xx). Writes differ:
 * a 4xx is Discourse refusing the write ({@link WriteRefusedException}, its own message), an empty 2xx body is an
 * answer, and a create is never sent twice: no usable answer to it is a {@link WriteOutcomeUnknownException}.
 */
final class ResponsePolicy {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_MESSAGE = 300;

    /** The outcome: {@code json} set on success; {@code notFound} for an accepted 404/410; else retry. */
    record Verdict(boolean retry, boolean notFound, JsonNode json, String reason) {
        static Verdict retrying(String reason) {
            return new Verdict(true, false, null, reason);
        }
    }

    /** How a write may be retried: an edit or delete like a read; a create not at all after 5xx or I/O errors. */
    enum WriteMode { CREATE, EDIT }

    private final DiscourseClientSettings settings;

    ResponsePolicy(DiscourseClientSettings settings) {
        this.settings = settings;
    }

    /**
     * @param ioFailure the I/O error of the call (timeout, reset, truncated body), or null when an answer came
     */
    Verdict judge(String request, int status, String retryAfter, String body, String ioFailure, boolean notFoundOk,
            RequestAttempts attempts, RequestTally tally) {
        return judge(request, status, retryAfter, body, ioFailure, notFoundOk, null, attempts, tally);
    }

    /** @param write how the request may be retried when it writes; null for a read */
    Verdict judge(String request, int status, String retryAfter, String body, String ioFailure, boolean notFoundOk,
            WriteMode write, RequestAttempts attempts, RequestTally tally) {
        tally.answered(ioFailure != null ? 0 : status);
        if (ioFailure != null) {
            if (write == WriteMode.CREATE) {
                throw new WriteOutcomeUnknownException(request + ": no answer from Discourse (" + ioFailure
                        + "); the post may have been created");
            }
            return transientFailure(request, "I/O error: " + ioFailure, attempts, tally);
        }
        if (status >= 200 && status < 300) {
            JsonNode json = parse(body);
            if (json == null && write != null && (body == null || body.isBlank())) {
                // DELETE /posts/{id}.json answers 200 with an empty body
                json = JSON.createObjectNode();
            }
            if (json == null && write == WriteMode.CREATE) {
                throw new WriteOutcomeUnknownException(request + ": unparseable or truncated answer (HTTP " + status
                        + "); the post may have been created");
            }
            if (json == null) {
                return transientFailure(request, "unparseable or truncated JSON (HTTP " + status + ")", attempts, tally);
            }
            attempts.finished();
            return new Verdict(false, false, json, null);
        }
        if (status == 429) {
            tally.rateLimited();
            long wait = rateLimitWaitMillis(retryAfter, body);
            if (!attempts.rateLimited(wait)) {
                throw new SourceRateLimitedException(request + ": still rate limited (HTTP 429) after waiting the "
                        + "allowed " + attempts.rateLimitBudgetMillis() / 1000 + " s", (wait + 999) / 1000);
            }
            return Verdict.retrying("HTTP 429 (rate limited)");
        }
        if (write != null && status >= 400 && status < 500 && status != 401) {
            throw new WriteRefusedException(status, discourseMessage(body));
        }
        if (status == 401 || status == 403) {
            throw new CredentialsRejectedException(
                    "Discourse refused the credentials (HTTP " + status + "): " + discourseMessage(body));
        }
        if ((status == 404 || status == 410) && notFoundOk) {
            attempts.finished();
            return new Verdict(false, true, null, null);
        }
        if (status >= 500 && write == WriteMode.CREATE) {
            throw new WriteOutcomeUnknownException(request + ": Discourse answered HTTP " + status + " "
                    + discourseMessage(body) + "; the post may have been created");
        }
        if (status >= 500) {
            return transientFailure(request, "HTTP " + status + " " + discourseMessage(body), attempts, tally);
        }
        throw new SourceException(request + ": Discourse answered HTTP " + status + ": " + discourseMessage(body));
    }

    /** Retry-After (seconds or an HTTP date), else JSON {@code extras.wait_seconds}, else the default. */
    long rateLimitWaitMillis(String retryAfter, String body) {
        if (retryAfter != null && !retryAfter.isBlank()) {
            String value = retryAfter.trim().replace("\"", "");
            try {
                return Math.max(0, Math.round(Double.parseDouble(value) * 1000));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
                } catch (DateTimeParseException notADate) {
                    // fall through to the body
                }
            }
        }
        JsonNode json = parse(body);
        if (json != null && json.path("extras").path("wait_seconds").isNumber()) {
            return Math.max(0, Math.round(json.path("extras").path("wait_seconds").asDouble() * 1000));
        }
        return settings.defaultRateLimitWait().toMillis();
    }

    private Verdict transientFailure(String request, String reason, RequestAttempts attempts, RequestTally tally) {
        if (!attempts.transientFailure()) {
            throw new SourceException(request + ": " + reason + " (gave up after " + attempts.failures() + " tries)");
        }
        tally.retried();
        return Verdict.retrying(reason);
    }

    /** Discourse's own words: {@code errors[0]} of a JSON error, else the start of a text body. */
    static String discourseMessage(String body) {
        if (body == null || body.isBlank()) {
            return "(no message)";
        }
        JsonNode json = parse(body);
        if (json != null) {
            JsonNode errors = json.path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                StringBuilder message = new StringBuilder();
                for (JsonNode error : errors) {
                    if (message.length() > 0) {
                        message.append(' ');
                    }
                    message.append(error.asText());
                }
                return clip(message.toString());
            }
            if (json.path("error").isTextual()) {
                return clip(json.path("error").asText());
            }
        }
        // proxies answer 502/503 with an HTML page: its title says it all
        java.util.regex.Matcher title = HTML_TITLE.matcher(body);
        if (title.find()) {
            return clip(title.group(1).strip());
        }
        return clip(body.strip().replaceAll("\\s+", " "));
    }

    private static final java.util.regex.Pattern HTML_TITLE =
            java.util.regex.Pattern.compile("<title>([^<]*)</title>", java.util.regex.Pattern.CASE_INSENSITIVE);

    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isContainerNode() ? json : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }
}
