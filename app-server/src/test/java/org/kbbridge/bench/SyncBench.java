package org.kbbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.kbbridge.adapter.discourse.DiscourseClientSettings;
import org.kbbridge.app.KbBridge;
import org.kbbridge.app.Settings;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.Forum;
import org.kbbridge.simulator.Post;
import org.kbbridge.simulator.SimulatorConfig;
import org.kbbridge.simulator.Topic;

/**
 * bench/sync.sh (not a test): a full sync of a simulated forum with every rate limit off, against the SPEC §4 lower
 * bound and against a naive per-topic crawler of the same forum. Args: topics posts seed.
 */
public final class SyncBench {
    private static final int TOPICS_PER_PAGE = 100;
    private static final int POSTS_PER_PAGE = 50;
    private static final int NAIVE_TOPICS_PER_PAGE = 30;
    private static final int NAIVE_POST_IDS_PER_REQUEST = 20;

    private SyncBench() {
    }

    public static void main(String[] args) throws Exception {
        int topics = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int posts = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
        Path dataDir = Files.createTempDirectory("kb-bench-sync");
        try (DiscourseSimulator sim = DiscourseSimulator.start(SimulatorConfig.defaults().size(topics, posts).seed(seed))) {
            sim.limits().enabled = false;
            Forum forum = sim.forum();
            long listedTopics = forum.topics().stream().filter(t -> !t.trashed() && !t.isPrivateMessage()).count();
            long streamPosts = forum.postsById().values().stream().filter(p -> inLatestPosts(forum, p)).count();
            long lowerBound = 2 + ceil(listedTopics, TOPICS_PER_PAGE) + ceil(streamPosts, POSTS_PER_PAGE);
            System.out.printf("forum: %d topics, %d posts generated (seed %d); %d topics in the lists, %d posts in /posts.json%n",
                    forum.topics().size(), forum.postsById().size(), seed, listedTopics, streamPosts);

            HeapWatch heap = new HeapWatch();
            long simHeap = heap.liveAfterGc();
            SyncRun run;
            long syncNanos;
            long simRequests;
            String byEndpoint;
            // The database refuses a limit of 0; 10,000 permits per 1 ms throttle period (a ~0.5 s window) is none.
            DiscourseClientSettings client = DiscourseClientSettings.defaults().withThrottlePeriod(Duration.ofMillis(1));
            long startNanos = System.nanoTime();
            try (KbBridge bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dataDir.toString())), false,
                    client)) {
                System.out.printf("kb-bridge with embedded PostgreSQL started in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
                IntegratedAccount account = bridge.accounts().register(new RegisterAccountCommand("bench", sim.baseUrl(),
                        sim.apiKey(), sim.apiUsername(), KeyKind.GLOBAL, 10_000, null, SyncSettings.defaults(), false));
                sim.stats().reset();
                heap.start();
                long from = System.nanoTime();
                run = bridge.runner().runSync(bridge.starter().startSync(new StartSyncCommand(account.id(), SyncMode.FULL)).id());
                syncNanos = System.nanoTime() - from;
                heap.stop();
                simRequests = sim.stats().total();
                byEndpoint = sim.stats().toJson().get("by_endpoint").toString();
            }
            double secs = syncNanos / 1e9;
            System.out.println();
            System.out.printf("full sync: %s in %.2f s, counters %s%n", run.status(), secs, run.counters());
            if (run.error() != null) {
                System.out.println("  error: " + run.error());
            }
            System.out.printf("(a) requests: %d by our count, %d by the simulator's; lower bound 2 + ceil(%d/%d) + ceil(%d/%d) = %d; ratio %.3f%n",
                    run.counters().requests(), simRequests, listedTopics, TOPICS_PER_PAGE, streamPosts, POSTS_PER_PAGE,
                    lowerBound, run.counters().requests() / (double) lowerBound);
            System.out.println("    by endpoint: " + byEndpoint);

            sim.stats().reset();
            long naiveFrom = System.nanoTime();
            NaiveCrawl naive = NaiveCrawl.run(sim);
            double naiveSecs = (System.nanoTime() - naiveFrom) / 1e9;
            System.out.printf("(b) naive per-topic crawler (lists %d a page, /t/{id}.json, post_ids[] batches of %d): %d requests "
                            + "(%d list pages, %d topic reads, %d post-id batches; simulator counted %d) for %d topics and %d posts "
                            + "= %.1f x ours; at Discourse's default 60 requests/min that is %.1f h vs %.1f h%n",
                    NAIVE_TOPICS_PER_PAGE, NAIVE_POST_IDS_PER_REQUEST, naive.requests(), naive.listPages, naive.topicReads,
                    naive.batches, sim.stats().total(), naive.topics, naive.posts,
                    naive.requests() / (double) run.counters().requests(), naive.requests() / 3600.0,
                    run.counters().requests() / 3600.0);
            System.out.printf("    naive crawl took %.2f s against the simulator (no store writes)%n", naiveSecs);
            System.out.printf("(c) end to end, limits off: %.0f posts/s (%d posts from /posts.json) and %.0f requests/s over %.2f s%n",
                    streamPosts / secs, streamPosts, run.counters().requests() / secs, secs);
            System.out.printf("(d) heap: peak used during the sync %.0f MB (sampled every 5 ms; simulator, sync and Camel share "
                            + "this JVM, the simulator's forum alone holds %.0f MB live); peak of the heap pools summed %.0f MB; "
                            + "max heap %.0f MB; %d GCs, %d ms in GC during the sync%n",
                    heap.peakUsed / 1e6, simHeap / 1e6, heap.poolPeaks() / 1e6,
                    Runtime.getRuntime().maxMemory() / 1e6, heap.gcCount(), heap.gcMillis());
        } finally {
            deleteTree(dataDir);
        }
    }

    /** What Discourse's /posts.json shows an admin: regular, visible, live posts of listed, live, public-archetype topics. */
    private static boolean inLatestPosts(Forum forum, Post p) {
        Topic t = forum.topic(p.topicId);
        return p.postType == Post.REGULAR && !p.hidden && !p.trashed() && t != null && t.visible && !t.trashed()
                && !t.isPrivateMessage();
    }

    private static long ceil(long a, long b) {
        return (a + b - 1) / b;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Samples heap use while a sync runs; GC counts from the collectors' MXBeans. */
    private static final class HeapWatch {
        private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        private volatile boolean running;
        private volatile long peakUsed;
        private long gcCountAtStart;
        private long gcMillisAtStart;
        private Thread sampler;

        long liveAfterGc() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }

        void start() {
            pools.forEach(MemoryPoolMXBean::resetPeakUsage);
            gcCountAtStart = gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
            gcMillisAtStart = gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
            running = true;
            sampler = new Thread(() -> {
                while (running) {
                    peakUsed = Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        long poolPeaks() {
            return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }

        long gcCount() {
            return gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - gcCountAtStart;
        }

        long gcMillis() {
            return gcs.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - gcMillisAtStart;
        }
    }

    /**
     * The common way to read a Discourse forum: every page of /latest.json (30 topics), then per topic /t/{id}.json
     * (the first 20 posts and the whole stream of ids) and /t/{id}/posts.json?post_ids[]= for the rest, 20 at a time.
     */
    private static final class NaiveCrawl {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final ObjectMapper json = new ObjectMapper();
        private final DiscourseSimulator sim;
        private long listPages;
        private long topicReads;
        private long batches;
        private long topics;
        private long posts;

        private NaiveCrawl(DiscourseSimulator sim) {
            this.sim = sim;
        }

        static NaiveCrawl run(DiscourseSimulator sim) throws IOException, InterruptedException {
            NaiveCrawl c = new NaiveCrawl(sim);
            List<Integer> topicIds = new ArrayList<>();
            for (int page = 0; ; page++) {
                JsonNode list = c.get("/latest.json?page=" + page).get("topic_list");
                c.listPages++;
                list.get("topics").forEach(t -> topicIds.add(t.get("id").asInt()));
                if (!list.hasNonNull("more_topics_url")) {
                    break;
                }
            }
            for (int id : topicIds) {
                JsonNode topic = c.get("/t/" + id + ".json");
                c.topicReads++;
                c.topics++;
                JsonNode stream = topic.get("post_stream");
                List<Integer> ids = new ArrayList<>();
                stream.get("stream").forEach(n -> ids.add(n.asInt()));
                c.posts += stream.get("posts").size();
                for (int from = stream.get("posts").size(); from < ids.size(); from += NAIVE_POST_IDS_PER_REQUEST) {
                    StringBuilder q = new StringBuilder("/t/" + id + "/posts.json?");
                    for (int i = from; i < Math.min(ids.size(), from + NAIVE_POST_IDS_PER_REQUEST); i++) {
                        q.append(i > from ? "&" : "").append("post_ids[]=").append(ids.get(i));
                    }
                    c.posts += c.get(q.toString()).get("post_stream").get("posts").size();
                    c.batches++;
                }
            }
            return c;
        }

        long requests() {
            return listPages + topicReads + batches;
        }

        private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
            HttpRequest req = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery.replace("[]", "%5B%5D")))
                    .header("Api-Key", sim.apiKey()).header("Api-Username", sim.apiUsername()).build();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IOException("GET " + pathAndQuery + " answered " + r.statusCode());
            }
            return json.readTree(r.body());
        }
    }
}
