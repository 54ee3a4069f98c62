package org.kbbridge.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for bench/simulator-posts.sh (not a test): starts a simulator and walks /posts.json with
 * concurrent clients on loopback, each following the inclusive "before" cursor to the end and starting over.
 * Args: topics posts clients seconds.
 */
public final class PostsPageLoad {
    public static void main(String[] args) throws Exception {
        int topics = Integer.parseInt(args[0]);
        int posts = Integer.parseInt(args[1]);
        int clients = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        SimulatorConfig cfg = SimulatorConfig.defaults().size(topics, posts);
        try (DiscourseSimulator sim = DiscourseSimulator.start(cfg)) {
            sim.limits().enabled = false; // measure the server, not Discourse's 60/min
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicLong pages = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            long[] window = new long[2];
            CountDownLatch done = new CountDownLatch(clients);
            long end = warmEnd + seconds * 1_000_000_000L;
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    int before = 0;
                    while (System.nanoTime() < end) {
                        HttpRequest req = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/posts.json?before=" + before))
                                .header("Api-Key", sim.apiKey()).header("Api-Username", sim.apiUsername()).build();
                        try {
                            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                                continue;
                            }
                            byte[] b = r.body();
                            if (System.nanoTime() > warmEnd) {
                                pages.incrementAndGet();
                                bytes.addAndGet(b.length);
                            }
                            int min = lastId(b);
                            before = min <= 1 ? 0 : min - 1; // before is inclusive
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                    done.countDown();
                });
                t.setDaemon(true);
                t.start();
            }
            while (System.nanoTime() < warmEnd) {
                Thread.sleep(50);
            }
            window[0] = System.nanoTime();
            done.await();
            window[1] = System.nanoTime();
            double secs = (window[1] - window[0]) / 1e9;
            System.out.printf("forum: %d topics, %d posts; %d clients, %.1f s measured after 2 s warm-up%n",
                    sim.forum().topics().size(), sim.forum().postsById().size(), clients, secs);
            System.out.printf("/posts.json pages: %d  (%.0f pages/s, %.1f MB/s, %.0f posts/s), errors: %d%n",
                    pages.get(), pages.get() / secs, bytes.get() / secs / 1e6, pages.get() * 50 / secs, errors.get());
        }
    }

    /** The id of the last post in a latest_posts page, without parsing the whole body. */
    static int lastId(byte[] body) {
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        int i = s.lastIndexOf("{\"id\":");
        if (i < 0) {
            return 0;
        }
        int j = i + 6;
        int k = j;
        while (k < s.length() && Character.isDigit(s.charAt(k))) {
            k++;
        }
        return Integer.parseInt(s.substring(j, k));
    }
}
