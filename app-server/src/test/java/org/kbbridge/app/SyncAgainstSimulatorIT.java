package org.kbbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import org.kbbridge.simulator.SimulatorConfig;

/** Full, incremental and reconcile syncs of the simulator's edge-case forum end with exactly its ground truth. */
class SyncAgainstSimulatorIT {

    @TempDir
    Path dataDir;

    private DiscourseSimulator forum;
    private KbBridge bridge;
    private IntegratedAccount account;

    @BeforeEach
    void start() {
        forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(60, 600).seed(11));
        forum.limits().adminPerWindow = 10_000;
        bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dataDir.toString())), false,
                DiscourseClientSettings.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))
                        .withRateLimitWaits(Duration.ofMillis(200), Duration.ofSeconds(30)));
        account = bridge.accounts().register(new RegisterAccountCommand("sim", forum.baseUrl(), forum.apiKey(),
                forum.apiUsername(), KeyKind.GLOBAL, 6_000, null, SyncSettings.defaults(), true));
    }

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
    void a_full_sync_ends_with_exactly_the_ground_truth() {
        SyncRun run = sync(SyncMode.FULL);
        assertThat(run.status()).as("run error: %s", run.error()).isEqualTo(SyncStatus.SUCCEEDED);
        assertMatchesTruth();
        assertThat(run.counters().created()).isPositive();
    }

    @Test
    void a_full_sync_costs_at_most_five_percent_over_the_lower_bound() {
        JsonNode about = forum.truth(false);
        assertThat(about.get("pages").size()).as("the edge-case forum has pages").isGreaterThan(30);
        var f = forum.forum();
        long topics = f.topics().stream().filter(t -> !t.trashed() && !t.isPrivateMessage()).count();
        long posts = f.postsById().values().stream().filter(p -> p.postType == 1 && !p.hidden && p.deletedAt == null
                && f.topic(p.topicId).visible && !f.topic(p.topicId).trashed()
                && !f.topic(p.topicId).isPrivateMessage()).count();
        SyncRun run = sync(SyncMode.FULL);
        long lowerBound = 2 + ceil(topics, 100) + ceil(posts, 50);
        assertThat(run.counters().requests()).isLessThanOrEqualTo((long) Math.floor(1.05 * lowerBound) + 1);
    }

    @Test
    void an_incremental_run_on_an_unchanged_forum_costs_at_most_four_requests() {
        sync(SyncMode.FULL);
        forum.stats().reset();
        SyncRun run = sync(SyncMode.INCREMENTAL);
        assertThat(run.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(run.counters().requests()).isLessThanOrEqualTo(4);
        assertThat(forum.stats().total()).isEqualTo(run.counters().requests());
        assertThat(run.counters().created() + run.counters().updated() + run.counters().deleted()).isZero();
        assertMatchesTruth();
    }

    @Test
    void a_reconcile_of_an_unchanged_forum_writes_nothing_and_logs_no_change() {
        sync(SyncMode.FULL);
        int changes = bridge.store().changeLog().after(account.id(), 0, 1_000_000).size();
        SyncRun reconcile = sync(SyncMode.RECONCILE);
        assertThat(reconcile.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(reconcile.counters().created() + reconcile.counters().updated() + reconcile.counters().deleted())
                .as("topics whose first post is not knowledge are not revived and re-deleted").isZero();
        assertThat(bridge.store().changeLog().after(account.id(), 0, 1_000_000)).hasSize(changes);
        assertMatchesTruth();
    }

    @Test
    void incremental_picks_up_new_topics_and_replies_and_reconcile_catches_everything_else() {
        sync(SyncMode.FULL);
        JsonNode before = forum.truth(false);
        JsonNode pages = before.get("pages");
        int userId = pages.get(0).get("created_by").get("id").asInt();
        int categoryId = pages.get(0).get("collection").get("id").asInt();
        int busyTopic = pages.get(1).get("id").asInt();
        int otherTopic = pages.get(2).get("id").asInt();
        JsonNode comments = before.get("comments");
        int oldReply = commentOf(comments, busyTopic, 0);
        int trashedReply = commentOf(comments, busyTopic, 1);
        int authorDeleted = commentOf(comments, busyTopic, 2);
        int moved = commentOf(comments, otherTopic, 0);
        int firstPostOfOther = firstPostOf(before, otherTopic);

        var newTopic = forum.forum().newTopic(userId, "How do I rotate the API key safely?",
                "Asking for a friend: what is the procedure to rotate keys without downtime?", categoryId,
                List.of("howto"));
        forum.forum().reply(newTopic.topicId, userId, "Create the new key first, then switch, then revoke.", null,
                1);
        forum.forum().reply(busyTopic, userId, "A fresh reply in an old thread, much later on.", 2, 1);
        assertThat(sync(SyncMode.INCREMENTAL).status()).isEqualTo(SyncStatus.SUCCEEDED);
        JsonNode afterIncremental = UnifiedSnapshot.of(bridge.store().knowledgeReader(), account.id());
        assertThat(ids(afterIncremental.get("pages"))).contains(Integer.toString(newTopic.topicId));
        assertThat(UnifiedSnapshot.diff(forum.truth(false), afterIncremental))
                .as("incremental shows what lists can show").isEmpty();

        forum.forum().editPost(oldReply, "Edited long after: the answer changed in version 3.");
        forum.forum().editPost(firstPostOfOther, "The question, reworded by its author.");
        forum.forum().trashPost(trashedReply);
        forum.forum().authorDelete(authorDeleted);
        forum.forum().movePost(moved, busyTopic);
        forum.forum().retag(otherTopic, List.of("faq", "release"));
        forum.forum().acceptAnswer(commentOf(comments, busyTopic, 3), false);
        forum.forum().trashTopic(pages.get(3).get("id").asInt());

        SyncRun reconcile = sync(SyncMode.RECONCILE);
        assertThat(reconcile.status()).as(reconcile.error()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(reconcile.counters().deleted()).isPositive();
        assertMatchesTruth();
    }

    private static int commentOf(JsonNode comments, int topicId, int index) {
        int seen = 0;
        for (JsonNode c : comments) {
            if (c.get("page").get("id").asInt() == topicId && seen++ == index) {
                return c.get("id").asInt();
            }
        }
        throw new IllegalStateException("topic " + topicId + " has fewer than " + (index + 1) + " comments");
    }

    private static int firstPostOf(JsonNode truth, int topicId) {
        for (JsonNode c : truth.get("page_content")) {
            if (c.get("page").get("id").asInt() == topicId) {
                return c.get("id").asInt();
            }
        }
        throw new IllegalStateException("no first post for " + topicId);
    }

    private static java.util.Set<String> ids(JsonNode list) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        list.forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }

    private SyncRun sync(SyncMode mode) {
        SyncRun run = bridge.starter().startSync(new StartSyncCommand(account.id(), mode));
        return bridge.runner().runSync(run.id());
    }

    private void assertMatchesTruth() {
        JsonNode truth = forum.truth(false);
        JsonNode ours = UnifiedSnapshot.of(bridge.store().knowledgeReader(), account.id());
        List<String> diff = UnifiedSnapshot.diff(truth, ours);
        assertThat(diff).as("differences from the simulator's ground truth").isEmpty();
    }
}
