package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server starts on an empty data dir, answers /health, and starts again on the same data dir. */
class ServeIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void starts_on_an_empty_data_dir_and_again_on_the_same_one(@TempDir Path dataDir) throws Exception {
        int port = TestPorts.free();
        Settings settings = Settings.load(Map.of(), List.of("--data-dir", dataDir.toString(), "--http-port",
                Integer.toString(port)));
        String firstToken;
        try (KbBridge bridge = KbBridge.start(settings, true)) {
            firstToken = bridge.generatedAdminToken();
            assertThat(firstToken).as("an admin token is generated on the first start").isNotNull();
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            assertThat(get(port, "/health").body()).contains("\"ok\"");
        }
        Path key = dataDir.resolve("master.key");
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (KbBridge bridge = KbBridge.start(settings, true)) {
            assertThat(bridge.generatedAdminToken()).as("the admin token is generated only once").isNull();
            assertThat(get(port, "/health").statusCode()).isEqualTo(200);
            HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/admin/integrated-accounts")).header("Authorization", "Bearer " + firstToken).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(admin.statusCode()).as("the first start's admin token still works").isEqualTo(200);
            assertThat(admin.headers().firstValue("Authorization")).as("no request header is echoed").isEmpty();
        }
    }

    @Test
    void runs_on_an_external_postgresql_given_by_kb_db_url(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("external"))
                .start()) {
            int port = TestPorts.free();
            Settings settings = Settings.load(Map.of("KB_DB_URL", external.getJdbcUrl("postgres", "postgres"),
                    "KB_DB_USER", "postgres", "KB_MASTER_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                    "KB_ADMIN_TOKEN", "an-admin-token-from-the-environment"), List.of("--http-port",
                    Integer.toString(port), "--data-dir", dataDir.resolve("unused").toString()));
            try (KbBridge bridge = KbBridge.start(settings, true)) {
                assertThat(get(port, "/health").statusCode()).isEqualTo(200);
                assertThat(bridge.generatedAdminToken()).as("KB_ADMIN_TOKEN is used as given").isNull();
                HttpResponse<String> admin = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/admin/integrated-accounts")).header("Authorization",
                        "Bearer an-admin-token-from-the-environment").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(admin.statusCode()).isEqualTo(200);
            }
            assertThat(Files.exists(dataDir.resolve("unused").resolve("master.key")))
                    .as("no key file is written when the master key comes from KB_MASTER_KEY").isFalse();
        }
    }

    @Test
    void kb_admin_token_rotates_the_admin_token_and_revokes_the_previous_one(@TempDir Path dataDir) throws Exception {
        int port = TestPorts.free();
        List<String> flags = List.of("--data-dir", dataDir.toString(), "--http-port", Integer.toString(port));
        String generated;
        try (KbBridge bridge = KbBridge.start(Settings.load(Map.of(), flags), true)) {
            generated = bridge.generatedAdminToken();
            assertThat(adminStatus(port, generated)).isEqualTo(200);
        }
        String first = "the-first-admin-token-from-the-environment";
        try (KbBridge bridge = KbBridge.start(Settings.load(Map.of("KB_ADMIN_TOKEN", first), flags), true)) {
            assertThat(adminStatus(port, first)).isEqualTo(200);
            assertThat(adminStatus(port, generated)).as("the generated token is revoked").isEqualTo(401);
        }
        String second = "the-second-admin-token-after-a-rotation";
        try (KbBridge bridge = KbBridge.start(Settings.load(Map.of("KB_ADMIN_TOKEN", second), flags), true)) {
            assertThat(adminStatus(port, second)).isEqualTo(200);
            assertThat(adminStatus(port, first)).as("the rotated-out token is revoked").isEqualTo(401);
        }
    }

    private int adminStatus(int port, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/integrated-accounts"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void an_unreachable_database_stops_start_up_naming_the_setting() {
        Settings settings = Settings.load(Map.of("KB_DB_URL", "jdbc:postgresql://127.0.0.1:1/kb", "KB_MASTER_KEY",
                "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="), List.of("--http-port",
                Integer.toString(TestPorts.free())));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KbBridge.start(settings, true))
                .isInstanceOf(BadSettingException.class).hasMessageStartingWith("KB_DB_URL:");
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
