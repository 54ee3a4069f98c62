package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.SimulatorConfig;

/**
 * {@code kb-bridge sync} killed with SIGKILL in the middle of the post walk: the next {@code sync} resumes the same
 * run from its checkpoint, ends with exactly the forum's truth, and re-reads at most the page that was in flight.
 */
class SyncCliKilledIT {

    private static final int POSTS_PAGE = 50;

    @Test
    void a_sync_killed_with_sigkill_resumes_and_ends_identical(@TempDir Path dataDir) throws Exception {
        try (DiscourseSimulator forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(150, 4_000).seed(31))) {
            forum.limits().adminPerWindow = 100_000;
            // every answer takes a moment, so the walk is long enough to be killed in the middle
            forum.faults().slowMillis = 60;
            forum.faults().configure(1.0, List.of("slow"), 1);

            Process first = cli(forum, dataDir, dataDir.resolve("first.log"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (forum.stats().count("GET /posts.json", "200") < 20 && first.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(first.isAlive()).as("the first sync is still walking posts: %s",
                    Files.readString(dataDir.resolve("first.log"))).isTrue();
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            long postsPagesBeforeKill = forum.stats().count("GET /posts.json", "200");

            forum.faults().configure(0, List.of("slow"), 1);
            Process second = cli(forum, dataDir, dataDir.resolve("second.log"));
            assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(dataDir.resolve("second.log"));
            assertThat(second.exitValue()).as(log).isZero();
            assertThat(log).contains("Resuming sync run 1");

            long postsPages = forum.stats().count("GET /posts.json", "200");
            long needed = (listedPosts(forum) + POSTS_PAGE - 1) / POSTS_PAGE;
            assertThat(postsPagesBeforeKill).isLessThan(needed);
            // needed pages, plus the empty page that ends the walk, plus at most the one page that was in flight
            assertThat(postsPages).as("posts pages read in both runs").isLessThanOrEqualTo(needed + 2);

            try (KbBridge bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dataDir.toString())),
                    false)) {
                IntegratedAccount account = bridge.accounts().all().get(0);
                JsonNode ours = UnifiedSnapshot.of(bridge.store().knowledgeReader(), account.id());
                assertThat(UnifiedSnapshot.diff(forum.truth(false), ours)).isEmpty();
                assertThat(bridge.store().syncRuns().list(account.id(), 10)).hasSize(1);
            }
        }
    }

    private static long listedPosts(DiscourseSimulator sim) {
        var f = sim.forum();
        return f.postsById().values().stream().filter(p -> p.postType == 1 && !p.hidden && p.deletedAt == null
                && f.topic(p.topicId).visible && !f.topic(p.topicId).trashed()
                && !f.topic(p.topicId).isPrivateMessage()).count();
    }

    private static Process cli(DiscourseSimulator forum, Path dataDir, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sync",
                "--base-url", forum.baseUrl(), "--api-key", forum.apiKey(), "--api-username", forum.apiUsername(),
                "--rate-limit-per-minute", "10000", "--data-dir", dataDir.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KB_"));
        return builder.start();
    }
}
