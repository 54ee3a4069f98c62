package org.kbbridge.domain.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "my_lovely_secret_for_web_hook";
    private static final byte[] PING = "{\"ping\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED =
            "sha256=162f107f6b5022353274eb1a7197885cfd35744d8d08e5bcea025d309386b7d6";

    @Test
    void signs_discourses_test_vector() {
        assertThat(WebhookSignature.sign(SECRET, PING)).isEqualTo(EXPECTED);
    }

    @Test
    void accepts_discourses_signature_of_the_test_vector() {
        assertThat(WebhookSignature.matches(SECRET, PING, EXPECTED)).isTrue();
        assertThat(WebhookSignature.matches(SECRET, PING, EXPECTED.toUpperCase().replace("SHA256", "sha256")))
                .isTrue();
    }

    @Test
    void refuses_another_body_secret_or_a_missing_or_malformed_signature() {
        assertThat(WebhookSignature.matches(SECRET, "{\"ping\":\"OK\" }".getBytes(StandardCharsets.UTF_8),
                EXPECTED)).isFalse();
        assertThat(WebhookSignature.matches("another_secret_of_length", PING, EXPECTED)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, PING, null)).isFalse();
        assertThat(WebhookSignature.matches(null, PING, EXPECTED)).isFalse();
        assertThat(WebhookSignature.matches(SECRET, PING, EXPECTED.substring("sha256=".length()))).isFalse();
        assertThat(WebhookSignature.matches(SECRET, PING, "sha256=")).isFalse();
    }
}
