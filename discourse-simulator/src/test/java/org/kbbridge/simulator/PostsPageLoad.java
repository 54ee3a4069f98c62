package org.kbbridge.simulator;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for bench/simulator-posts.sh (not a test): starts a simulator and walks /posts.json with
 * concurrent clients on loopback, each following the inclusive "before" cursor to the end and starting over.
 * Each client is one keep-alive HTTP/1.1 connection on a plain socket, so the figure measures the server
 * rather than a client library (java.net.http.HttpClient cost more CPU than the simulator on 2 cores).
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
            AtomicLong coldPages = new AtomicLong();
            AtomicLong coldBytes = new AtomicLong();
            AtomicLong coldErrors = new AtomicLong();
            walk(sim, Long.MAX_VALUE, Long.MAX_VALUE, coldPages, coldBytes, coldErrors, true); // JIT warm-up
            sim.forum().touch(); // a new generation: every cached page and post rendering is stale
            long coldFrom = System.nanoTime();
            walk(sim, Long.MAX_VALUE, coldFrom, coldPages, coldBytes, coldErrors, true);
            double coldSecs = (System.nanoTime() - coldFrom) / 1e9;
            AtomicLong pages = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            CountDownLatch done = new CountDownLatch(clients);
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    try {
                        walk(sim, end, warmEnd, pages, bytes, errors, false);
                    } finally {
                        done.countDown();
                    }
                });
                t.setDaemon(true);
                t.start();
            }
            while (System.nanoTime() < warmEnd) {
                Thread.sleep(50);
            }
            long from = System.nanoTime();
            done.await();
            double secs = (System.nanoTime() - from) / 1e9;
            System.out.printf("forum: %d topics, %d posts; %d clients, %.1f s measured after 2 s warm-up%n",
                    sim.forum().topics().size(), sim.forum().postsById().size(), clients, secs);
            System.out.printf("cold walk (1 client, 2nd pass after a cache invalidation: every page rendered anew, as a sync reads it): %d pages in %.2f s (%.0f pages/s), errors: %d%n",
                    coldPages.get(), coldSecs, coldPages.get() / coldSecs, coldErrors.get());
            System.out.printf("cached walks, /posts.json pages: %d  (%.0f pages/s, %.1f MB/s, %.0f posts/s, %.1f KB/page), errors: %d%n",
                    pages.get(), pages.get() / secs, bytes.get() / secs / 1e6, pages.get() * 50 / secs,
                    pages.get() == 0 ? 0.0 : bytes.get() / 1024.0 / pages.get(), errors.get());
        }
    }

    /** Walks /posts.json over one keep-alive connection until {@code end}, or once to the last page if {@code once}. */
    private static void walk(DiscourseSimulator sim, long end, long warmEnd, AtomicLong pages, AtomicLong bytes, AtomicLong errors, boolean once) {
        URI base = URI.create(sim.baseUrl());
        String headers = "Host: " + base.getHost() + ":" + base.getPort() + "\r\nApi-Key: " + sim.apiKey()
                + "\r\nApi-Username: " + sim.apiUsername() + "\r\nAccept: application/json\r\n\r\n";
        byte[] body = new byte[256 * 1024];
        int before = 0;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                OutputStream out = s.getOutputStream();
                InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
                while (System.nanoTime() < end) {
                    out.write(("GET /posts.json?before=" + before + " HTTP/1.1\r\n" + headers).getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    long head = readStatusAndHeaders(in);
                    int status = (int) (head >>> 32);
                    int len = (int) head;
                    if (len > body.length) {
                        body = new byte[len];
                    }
                    in.readNBytes(body, 0, len);
                    if (status != 200) {
                        errors.incrementAndGet();
                        continue;
                    }
                    if (System.nanoTime() > warmEnd) {
                        pages.incrementAndGet();
                        bytes.addAndGet(len);
                    }
                    int min = lastId(body, len);
                    before = min <= 1 ? 0 : min - 1; // before is inclusive
                    if (once && before == 0) {
                        return;
                    }
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            }
        }
    }

    /** Reads the status line and headers; returns the status in the high and the Content-Length in the low 32 bits. */
    private static long readStatusAndHeaders(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.substring(9, 12));
        int len = 0;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                len = Integer.parseInt(h.substring(15).strip());
            }
        }
        return ((long) code << 32) | len;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private static final byte[] ID = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AFTER_ID = ",\"name\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * The id of the last post in a latest_posts page, found by scanning back for {"id":N,"name": without
     * parsing the page. The name check matters: actions_summary entries inside a post are {"id":2,"count":…}.
     */
    static int lastId(byte[] body, int len) {
        for (int i = len - ID.length; i >= 0; i--) {
            if (!matches(body, len, i, ID)) {
                continue;
            }
            int v = 0;
            int j = i + ID.length;
            for (; j < len && body[j] >= '0' && body[j] <= '9'; j++) {
                v = v * 10 + (body[j] - '0');
            }
            if (matches(body, len, j, AFTER_ID)) {
                return v;
            }
        }
        return 0;
    }

    private static boolean matches(byte[] body, int len, int at, byte[] what) {
        if (at + what.length > len) {
            return false;
        }
        for (int k = 0; k < what.length; k++) {
            if (body[at + k] != what[k]) {
                return false;
            }
        }
        return true;
    }
}
