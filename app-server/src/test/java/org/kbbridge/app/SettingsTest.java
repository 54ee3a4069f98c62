package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void defaults_are_the_embedded_database_in_data_on_port_8080() {
        Settings s = Settings.load(Map.of(), List.of());
        assertThat(s.embeddedDatabase()).isTrue();
        assertThat(s.httpPort()).isEqualTo(8080);
        assertThat(s.dataDir().toString()).endsWith("data");
        assertThat(s.allowPrivateHosts()).isFalse();
    }

    @Test
    void flags_override_the_environment_under_their_kebab_case_names() {
        Settings s = Settings.load(Map.of("KB_HTTP_PORT", "9000"), List.of("--http-port", "9100",
                "--allow-private-hosts", "--base-url=http://forum"));
        assertThat(s.httpPort()).isEqualTo(9100);
        assertThat(s.allowPrivateHosts()).isTrue();
        assertThat(s.extra()).containsEntry("base-url", "http://forum");
    }

    @Test
    void a_bad_port_names_the_setting() {
        assertThatThrownBy(() -> Settings.load(Map.of("KB_HTTP_PORT", "eighty"), List.of()))
                .isInstanceOf(BadSettingException.class).hasMessageStartingWith("KB_HTTP_PORT:")
                .hasMessageContaining("eighty");
        assertThatThrownBy(() -> Settings.load(Map.of(), List.of("--http-port", "70000")))
                .hasMessageStartingWith("KB_HTTP_PORT:");
    }

    @Test
    void an_external_database_without_a_master_key_is_refused() {
        assertThatThrownBy(() -> Settings.load(Map.of("KB_DB_URL", "jdbc:postgresql://db:5432/kb"), List.of()))
                .isInstanceOf(BadSettingException.class).hasMessageStartingWith("KB_MASTER_KEY:");
        Settings s = Settings.load(Map.of("KB_DB_URL", "jdbc:postgresql://db:5432/kb", "KB_MASTER_KEY", KEY),
                List.of());
        assertThat(s.masterKey()).hasSize(32);
    }

    @Test
    void a_master_key_of_the_wrong_size_or_encoding_is_refused() {
        assertThatThrownBy(() -> Settings.load(Map.of("KB_MASTER_KEY", "c2hvcnQ="), List.of()))
                .hasMessageStartingWith("KB_MASTER_KEY:").hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Settings.load(Map.of("KB_MASTER_KEY", "not base64!"), List.of()))
                .hasMessageStartingWith("KB_MASTER_KEY:");
    }

    @Test
    void a_database_url_that_is_not_postgresql_is_refused() {
        assertThatThrownBy(() -> Settings.load(Map.of("KB_DB_URL", "mysql://db"), List.of()))
                .hasMessageStartingWith("KB_DB_URL:");
    }

    @Test
    void booleans_must_be_booleans() {
        assertThatThrownBy(() -> Settings.load(Map.of("KB_CLUSTERED", "maybe"), List.of()))
                .hasMessageStartingWith("KB_CLUSTERED:");
    }
}
