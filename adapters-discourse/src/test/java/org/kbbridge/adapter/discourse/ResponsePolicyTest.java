package org.kbbridge.adapter.discourse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kbbridge.port.out.CredentialsRejectedException;
import org.kbbridge.port.out.RequestTally;
import org.kbbridge.port.out.SourceException;

class ResponsePolicyTest {

    private final DiscourseClientSettings settings = DiscourseClientSettings.defaults()
            .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400));
    private final ResponsePolicy policy = new ResponsePolicy(settings);

    @Test
    void a_429_waits_retry_after_first_then_wait_seconds_then_the_default() {
        String json = "{\"errors\":[\"slow\"],\"error_type\":\"rate_limit\",\"extras\":{\"wait_seconds\":42,\"time_left\":\"42 seconds\"}}";

        assertThat(policy.rateLimitWaitMillis("7", json)).isEqualTo(7_000);
        assertThat(policy.rateLimitWaitMillis("\"60\"", json)).isEqualTo(60_000);
        assertThat(policy.rateLimitWaitMillis(null, json)).isEqualTo(42_000);
        assertThat(policy.rateLimitWaitMillis(null, "Slow down, you're making too many requests.")).isEqualTo(10_000);
        assertThat(policy.rateLimitWaitMillis("soon", "")).isEqualTo(10_000);
    }

    @Test
    void back_off_doubles_with_jitter_up_to_the_cap() {
        RequestAttempts attempts = new RequestAttempts(settings);
        for (int i = 0; i < 200; i++) {
            assertThat(attempts.backoffMillis(1)).isBetween(50L, 100L);
            assertThat(attempts.backoffMillis(2)).isBetween(100L, 200L);
            assertThat(attempts.backoffMillis(3)).isBetween(200L, 400L);
            assertThat(attempts.backoffMillis(9)).isBetween(200L, 400L);
        }
    }

    @Test
    void five_transient_failures_end_the_request_with_the_reason() {
        RequestAttempts attempts = new RequestAttempts(settings);
        RequestTally tally = new RequestTally();
        for (int i = 0; i < 4; i++) {
            assertThat(policy.judge("GET /latest.json", 503, null, "", null, false, attempts, tally).retry()).isTrue();
        }
        assertThatThrownBy(() -> policy.judge("GET /latest.json", 502, null, "bad gateway", null, false, attempts, tally))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("GET /latest.json").hasMessageContaining("HTTP 502").hasMessageContaining("5 tries");
        assertThat(tally.retriedCount()).isEqualTo(4);
    }

    @Test
    void rejected_credentials_carry_discourse_s_own_message() {
        String body = "{\"errors\":[\"You are not permitted to view the requested resource. The API username or key is invalid.\"],"
                + "\"error_type\":\"invalid_access\"}";

        assertThatThrownBy(() -> policy.judge("GET /site.json", 403, null, body, null, false,
                new RequestAttempts(settings), new RequestTally()))
                .isInstanceOf(CredentialsRejectedException.class)
                .hasMessageContaining("The API username or key is invalid.");
    }

    @Test
    void other_client_errors_fail_at_once_and_not_found_is_an_answer_only_where_allowed() {
        RequestAttempts attempts = new RequestAttempts(settings);

        assertThatThrownBy(() -> policy.judge("GET /x", 422, null, "{\"errors\":[\"nope\"]}", null, false, attempts,
                new RequestTally())).isInstanceOf(SourceException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> policy.judge("GET /x", 404, null, "", null, false, attempts, new RequestTally()))
                .isInstanceOf(SourceException.class);
        assertThat(policy.judge("GET /t/1.json", 410, null, "", null, true, attempts, new RequestTally()).notFound())
                .isTrue();
    }

    @Test
    void a_truncated_json_body_is_retried() {
        RequestTally tally = new RequestTally();

        assertThat(policy.judge("GET /x", 200, null, "{\"a\":[1,2", null, false, new RequestAttempts(settings), tally)
                .retry()).isTrue();
        assertThat(tally.retriedCount()).isEqualTo(1);
    }
}
