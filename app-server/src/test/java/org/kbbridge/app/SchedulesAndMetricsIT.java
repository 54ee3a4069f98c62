package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kbbridge.adapter.discourse.DiscourseClientSettings;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.SimulatorConfig;

/** A serving node: schedules follow the admin API and fire real syncs; /metrics tells what the syncs did. */
class SchedulesAndMetricsIT {

    static final String ADMIN_TOKEN = "admin-token-for-ops-tests";
    static final String EVERY_SECOND = "* * * * * ?";
    static final String NEW_YEAR = "0 0 3 1 1 ?";

    @TempDir
    Path dataDir;

    private DiscourseSimulator forum;
    private KbBridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
        if (forum != null) {
            forum.close();
        }
    }

    @Test
    void metrics_count_requests_by_status_429s_retries_items_and_runs() {
        Admin admin = start();
        long id = admin.createAccount(forum.baseUrl(), forum.apiKey(), forum.apiUsername(), NEW_YEAR);
        forum.stats().reset();
        forum.faults().rateLimitWaitSeconds = 0;
        forum.faults().configure(0.4, List.of("429_json", "502"), 11);

        long runId = admin.json("POST", "/admin/integrated-accounts/" + id + "/sync", "{\"mode\":\"full\"}", 202)
                .get("sync_run_id").asLong();
        JsonNode run = admin.awaitRuns(id, runs -> runs.stream().allMatch(Admin::finished), "the full run").stream()
                .filter(r -> r.get("id").asLong() == runId).findFirst().orElseThrow();
        forum.faults().configure(0, null, 7);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");

        Map<String, Double> m = admin.metrics();
        String account = "account=\"" + id + "\"";
        JsonNode byStatus = forum.stats().toJson().get("by_status");
        assertThat(byStatus.has("429") && byStatus.has("502")).as("faults were injected: %s", byStatus).isTrue();
        byStatus.fields().forEachRemaining(e -> assertThat(sum(m, "kb_discourse_requests_total", account,
                "status=\"" + e.getKey() + "\"")).as("requests answered %s", e.getKey())
                .isEqualTo(e.getValue().asDouble()));
        JsonNode counters = run.get("counters");
        assertThat(sum(m, "kb_discourse_requests_total", account)).isEqualTo(counters.get("requests").asDouble());
        assertThat(sum(m, "kb_discourse_rate_limited_total", account))
                .isEqualTo(byStatus.get("429").asDouble()).isEqualTo(counters.get("rate_limited").asDouble());
        assertThat(sum(m, "kb_discourse_retries_total", account))
                .isEqualTo(byStatus.get("502").asDouble()).isEqualTo(counters.get("retried").asDouble());
        assertThat(sum(m, "kb_items_synced_total", account, "op=\"created\""))
                .isEqualTo(counters.get("created").asDouble());
        assertThat(sum(m, "kb_items_synced_total", account, "resource=\"pages\"", "op=\"created\"")
                - sum(m, "kb_items_synced_total", account, "resource=\"pages\"", "op=\"deleted\""))
                .as("pages live after the first sync").isEqualTo(forum.truth(false).get("pages").size());
        assertThat(sum(m, "kb_sync_run_duration_seconds_count", account, "mode=\"full\"", "status=\"succeeded\""))
                .isEqualTo(1.0);
        assertThat(m.keySet()).anyMatch(k -> k.startsWith("kb_sync_lag_seconds{") && k.contains(account));

        forum.stats().reset();
        assertThat(admin.send("GET", "/proxy/" + id + "/latest.json", null, ADMIN_TOKEN).statusCode()).isEqualTo(200);
        String pageId = forum.truth(false).get("pages").get(0).get("id").asText();
        assertThat(admin.send("POST", "/unified/knowledge-base/comments", "{\"integrated_account_id\":" + id
                + ",\"page_id\":\"" + pageId + "\",\"body\":\"Counted like every other request to the forum.\"}",
                ADMIN_TOKEN).statusCode()).isEqualTo(201);
        assertThat(sum(admin.metrics(), "kb_discourse_requests_total", account) - sum(m, "kb_discourse_requests_total",
                account)).as("proxied and write requests are counted too").isEqualTo((double) forum.stats().total());
    }

    @Test
    void metrics_need_the_admin_token() {
        Admin admin = start();
        long id = admin.createAccount(forum.baseUrl(), forum.apiKey(), forum.apiUsername(), NEW_YEAR);
        String tenant = admin.json("POST", "/admin/tokens", "{\"integrated_account_ids\":[" + id
                + "],\"access\":\"read\"}", 201).get("token").asText();

        assertThat(admin.send("GET", "/metrics", null, null).statusCode()).isEqualTo(401);
        assertThat(admin.send("GET", "/metrics", null, "not-a-token").statusCode()).isEqualTo(401);
        assertThat(admin.send("GET", "/metrics", null, tenant).statusCode()).isEqualTo(403);
        var ok = admin.send("GET", "/metrics", null, ADMIN_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
    }

    @Test
    void schedules_follow_the_account_and_fire_incremental_syncs() {
        Admin admin = start();
        long id = admin.createAccount(forum.baseUrl(), forum.apiKey(), forum.apiUsername(), NEW_YEAR);
        assertThat(bridge.schedules().incrementalSchedule(id)).contains(NEW_YEAR);
        admin.json("POST", "/admin/integrated-accounts/" + id + "/sync", "{\"mode\":\"full\"}", 202);
        admin.awaitRuns(id, runs -> runs.stream().allMatch(Admin::finished), "the full run");

        admin.json("PATCH", "/admin/integrated-accounts/" + id, "{\"sync\":{\"schedule\":\"" + EVERY_SECOND + "\"}}",
                200);
        assertThat(bridge.schedules().incrementalSchedule(id)).contains(EVERY_SECOND);
        List<JsonNode> runs = admin.awaitRuns(id, rs -> rs.stream().filter(r -> r.get("mode").asText()
                .equals("incremental") && r.get("status").asText().equals("succeeded")).count() >= 3,
                "three scheduled incremental runs");
        assertThat(runs).filteredOn(r -> r.get("mode").asText().equals("incremental"))
                .allMatch(r -> !r.get("status").asText().equals("failed"));

        admin.json("DELETE", "/admin/integrated-accounts/" + id, null, 204);
        assertThat(bridge.schedules().incrementalSchedule(id)).isEmpty();
        assertThat(bridge.schedules().isScheduled(id)).isFalse();
    }

    @Test
    void existing_accounts_are_scheduled_on_start_up() {
        Admin admin = start();
        long id = admin.createAccount(forum.baseUrl(), forum.apiKey(), forum.apiUsername(), NEW_YEAR);
        bridge.close();
        bridge = null;
        start();
        assertThat(bridge.schedules().incrementalSchedule(id)).contains(NEW_YEAR);
        assertThat(bridge.schedules().reconcileSchedule(id)).hasValueSatisfying(cron -> assertThat(cron)
                .matches("0 \\d+ 3 \\* \\* \\?"));
    }

    private Admin start() {
        if (forum == null) {
            forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(12, 90).seed(41));
            forum.limits().adminPerWindow = 100_000;
        }
        int port = TestPorts.free();
        bridge = KbBridge.start(Settings.load(Map.of("KB_ADMIN_TOKEN", ADMIN_TOKEN, "KB_ALLOW_PRIVATE_HOSTS", "true"),
                List.of("--data-dir", dataDir.toString(), "--http-port", Integer.toString(port))), true,
                fastClient());
        return new Admin(port, ADMIN_TOKEN);
    }

    static DiscourseClientSettings fastClient() {
        return DiscourseClientSettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
                .withRateLimitWaits(Duration.ofMillis(10), Duration.ofSeconds(30));
    }

    /** The sum of the samples of a metric whose labels include all of {@code labels}. */
    static double sum(Map<String, Double> samples, String name, String... labels) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "{"))
                .filter(e -> java.util.Arrays.stream(labels).allMatch(l -> e.getKey().contains(l)))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
