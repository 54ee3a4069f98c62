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
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.Faults;
import org.kbbridge.simulator.SimulatorConfig;

/** Faults of every kind, and a rate limit that must never be hit: the synced view is still exactly the truth. */
class SyncUnderFaultsIT {

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
    void ten_percent_faults_of_every_kind_change_nothing_in_the_result() {
        forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(80, 1_500).seed(23));
        forum.limits().adminPerWindow = 10_000;
        IntegratedAccount account = connect(6_000, Duration.ofMinutes(1));
        forum.faults().slowMillis = 50;
        forum.faults().timeoutMillis = 2_000;
        forum.faults().rateLimitWaitSeconds = 1;
        forum.faults().configure(0.10, Faults.ALL_KINDS, 5);

        SyncRun full = sync(account, SyncMode.FULL);
        assertThat(full.status()).as(full.error()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(full.counters().retried() + full.counters().rateLimited()).as("faults were met").isPositive();
        assertMatchesTruth(account);

        JsonNode pages = forum.truth(false).get("pages");
        forum.forum().reply(pages.get(5).get("id").asInt(), pages.get(5).get("created_by").get("id").asInt(),
                "A reply written while the network misbehaves.", null, 1);
        forum.forum().trashTopic(pages.get(6).get("id").asInt());
        SyncRun reconcile = sync(account, SyncMode.RECONCILE);
        assertThat(reconcile.status()).as(reconcile.error()).isEqualTo(SyncStatus.SUCCEEDED);
        assertMatchesTruth(account);
    }

    @Test
    void at_a_limit_of_n_per_window_the_forum_never_answers_429() {
        forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(60, 1_200).seed(29));
        forum.limits().adminPerWindow = 10;
        forum.limits().adminWindowSeconds = 2;
        IntegratedAccount account = connect(10, Duration.ofSeconds(2));
        SyncRun run = sync(account, SyncMode.FULL);
        assertThat(run.status()).as(run.error()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(run.counters().requests()).as("more requests than one window allows").isGreaterThan(20);
        assertThat(forum.stats().toJson().get("by_status").has("429")).as("429s answered: %s",
                forum.stats().toJson()).isFalse();
        assertThat(run.counters().rateLimited()).isZero();
        assertMatchesTruth(account);
    }

    private IntegratedAccount connect(int perPeriod, Duration period) {
        bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dataDir.toString())), false,
                DiscourseClientSettings.defaults().withBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
                        .withRateLimitWaits(Duration.ofSeconds(1), Duration.ofSeconds(60))
                        .withThrottlePeriod(period));
        return bridge.accounts().register(new RegisterAccountCommand("sim", forum.baseUrl(), forum.apiKey(),
                forum.apiUsername(), KeyKind.GLOBAL, perPeriod, null, SyncSettings.defaults(), false));
    }

    private SyncRun sync(IntegratedAccount account, SyncMode mode) {
        SyncRun run = bridge.starter().startSync(new StartSyncCommand(account.id(), mode));
        return bridge.runner().runSync(run.id());
    }

    private void assertMatchesTruth(IntegratedAccount account) {
        JsonNode ours = UnifiedSnapshot.of(bridge.store().knowledgeReader(), account.id());
        assertThat(UnifiedSnapshot.diff(forum.truth(false), ours)).as("differences from the ground truth").isEmpty();
    }
}
