package org.kbbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful fake Discourse on the JDK's HTTP server. Start one with {@link #start(SimulatorConfig)};
 * it serves the Discourse API on {@link #baseUrl()} and its control API under {@code /__sim/}.
 */
public final class DiscourseSimulator implements AutoCloseable {
    static {
        // The JDK server writes headers and body separately; with Nagle on, each response waits out the
        // peer's delayed ACK (~40 ms on loopback), capping a keep-alive connection at ~25 requests/s.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final String INVALID_KEY = "You are not permitted to view the requested resource. The API username or key is invalid.";

    private final SimulatorConfig cfg;
    private final Forum forum;
    private final Switches switches = new Switches();
    private final Limits limits = new Limits();
    private final Faults faults = new Faults();
    private final Stats stats = new Stats();
    private final Views views;
    private final DiscourseApi api;
    private final ControlApi control;
    private final Webhooks webhooks;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final String baseUrl;

    private enum Auth { NONE, ADMIN, ADMIN_BAD, USER, USER_BAD }

    private DiscourseSimulator(SimulatorConfig cfg) throws IOException {
        this.cfg = cfg;
        this.forum = new Forum(() -> cfg.clock.instant());
        new ForumGenerator(cfg, forum).generate();
        this.views = new Views(forum, switches, cfg);
        this.api = new DiscourseApi(forum, views, switches);
        this.control = new ControlApi(this);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(cfg.bindAddress), cfg.port), 1024);
        String host = cfg.bindAddress.equals("0.0.0.0") ? "127.0.0.1" : cfg.bindAddress;
        this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
        this.webhooks = new Webhooks(forum, views, cfg.instanceUrl == null ? baseUrl : cfg.instanceUrl);
        forum.addListener(webhooks);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(cfg.threads, r -> {
            Thread t = new Thread(r, "sim-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-delays");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    public static DiscourseSimulator start(SimulatorConfig cfg) {
        try {
            return new DiscourseSimulator(cfg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String apiKey() {
        return cfg.apiKey;
    }

    public String apiUsername() {
        return cfg.apiUsername;
    }

    /** A user API key the simulator accepts (acting as a regular, non-staff user), or null. */
    public String userApiKey() {
        return cfg.userApiKeys.isEmpty() ? null : cfg.userApiKeys.keySet().iterator().next();
    }

    /** The start-up configuration; megaTopicThreshold may be changed while running. */
    public SimulatorConfig config() {
        return cfg;
    }

    public Forum forum() {
        return forum;
    }

    public Stats stats() {
        return stats;
    }

    public Switches switches() {
        return switches;
    }

    public Limits limits() {
        return limits;
    }

    public Faults faults() {
        return faults;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    /** The unified view a correct sync must end with (SPEC §3.2). */
    public JsonNode truth(boolean includePrivate) {
        return Truth.compute(forum, includePrivate);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        scheduler.shutdownNow();
        webhooks.close();
    }

    // ---- request pipeline: faults, per-IP limit, auth, key limits, endpoint ----

    private void handle(HttpExchange ex) {
        try {
            Request r = new Request(ex);
            if (r.path.startsWith("/__sim/") || r.path.equals("/__sim")) {
                send(ex, control.handle(r), -1);
                return;
            }
            r.route = DiscourseApi.routeOf(r);
            String fault = faults.draw();
            if (fault != null) {
                switch (fault) {
                    case "reset" -> {
                        stats.record(r.route, "reset");
                        ex.close(); // no status line at all: the client sees the connection drop
                        return;
                    }
                    case "timeout" -> {
                        stats.record(r.route, "timeout");
                        scheduler.schedule(ex::close, faults.timeoutMillis, TimeUnit.MILLISECONDS);
                        return;
                    }
                    case "502", "503" -> {
                        int st = Integer.parseInt(fault);
                        finish(ex, r, Response.text(st, "text/html", errorPage(st)), -1);
                        return;
                    }
                    case "429_json" -> {
                        finish(ex, r, adminLimited(faults.rateLimitWaitSeconds), -1);
                        return;
                    }
                    case "429_text" -> {
                        finish(ex, r, ipLimited(faults.rateLimitWaitSeconds, "ip_10_secs_limit"), -1);
                        return;
                    }
                    default -> {
                    }
                }
            }
            Response resp = process(r, ex);
            if ("slow".equals(fault)) {
                scheduler.schedule(() -> finish(ex, r, resp, -1), faults.slowMillis, TimeUnit.MILLISECONDS);
                return;
            }
            finish(ex, r, resp, "truncate".equals(fault) ? Math.max(1, resp.body.length / 2) : -1);
        } catch (Throwable e) {
            try {
                send(ex, Response.json(500, Json.errors("simulator error: " + e, null)), -1);
            } catch (RuntimeException ignored) {
                ex.close();
            }
        }
    }

    private Response process(Request r, HttpExchange ex) {
        String key = ex.getRequestHeaders().getFirst("Api-Key");
        String userKey = ex.getRequestHeaders().getFirst("User-Api-Key");
        Auth auth = Auth.NONE;
        User acting = null;
        if (key != null) {
            if (key.equals(cfg.apiKey)) {
                acting = apiUser(ex);
                auth = acting == null ? Auth.ADMIN_BAD : Auth.ADMIN;
            } else {
                auth = Auth.ADMIN_BAD;
            }
        } else if (userKey != null) {
            String username = cfg.userApiKeys.get(userKey);
            acting = forum.userByName(username);
            auth = acting == null ? Auth.USER_BAD : Auth.USER;
        }
        long now = System.currentTimeMillis();
        // valid admin-key requests roll back the per-IP counters, so only the shared admin limit applies to them;
        // user-key requests are not rolled back: they pay the per-IP limits and their own key limits
        if (limits.enabled && auth != Auth.ADMIN && (limits.ipLimitPrivate || !isPrivate(ex))) {
            long w = limits.ip10.computeIfAbsent(r.ip, k -> new SlidingWindowLimiter()).tryAcquire(now, limits.ipPer10Seconds, 10_000);
            if (w > 0) {
                return ipLimited(seconds(w), "ip_10_secs_limit");
            }
            SlidingWindowLimiter l60 = limits.ip60.computeIfAbsent(r.ip, k -> new SlidingWindowLimiter());
            w = l60.tryAcquire(now, limits.ipPerMinute, 60_000);
            if (w > 0) {
                limits.ip10.get(r.ip).rollback();
                return ipLimited(seconds(w), "ip_60_secs_limit");
            }
        }
        // /admin/* sits behind Discourse's AdminConstraint: without an admin the route does not exist, even for a bad key
        boolean adminRoute = r.seg.length > 0 && r.seg[0].equals("admin");
        if (adminRoute && (auth == Auth.ADMIN_BAD || auth == Auth.USER_BAD || auth == Auth.NONE)) {
            return Response.notFound();
        }
        if (auth == Auth.ADMIN_BAD) {
            return Response.json(403, Json.errors(INVALID_KEY, "invalid_access"));
        }
        if (auth == Auth.USER_BAD) {
            return Response.forbidden();
        }
        if (limits.enabled && auth == Auth.ADMIN) {
            long w = limits.admin.tryAcquire(now, limits.adminPerWindow, limits.adminWindowSeconds * 1000L);
            if (w > 0) {
                return adminLimited(seconds(w));
            }
        }
        if (limits.enabled && auth == Auth.USER) {
            // Discourse checks the day budget first and counts a request against the day only when the minute allows it
            SlidingWindowLimiter day = limits.userKeyDays.computeIfAbsent(userKey, k -> new SlidingWindowLimiter());
            long w = day.tryAcquire(now, limits.userKeyPerDay, 86_400_000L);
            if (w > 0) {
                return jsonLimited(seconds(w), "user_api_key_limiter_1_day");
            }
            w = limits.userKeys.computeIfAbsent(userKey, k -> new SlidingWindowLimiter())
                    .tryAcquire(now, limits.userKeyPerWindow, limits.userKeyWindowSeconds * 1000L);
            if (w > 0) {
                day.rollback();
                return jsonLimited(seconds(w), "user_api_key_limiter_60_secs");
            }
        }
        if (adminRoute && !acting.admin) {
            return Response.notFound();
        }
        r.viewer = acting == null ? Viewer.ANONYMOUS : new Viewer(acting);
        return api.handle(r);
    }

    private User apiUser(HttpExchange ex) {
        String username = ex.getRequestHeaders().getFirst("Api-Username");
        String userId = ex.getRequestHeaders().getFirst("Api-User-Id");
        if (username != null) {
            return forum.userByName(username);
        }
        if (userId != null) {
            return DiscourseApi.isInt(userId) ? forum.user(Integer.parseInt(userId)) : null;
        }
        String externalId = ex.getRequestHeaders().getFirst("Api-User-External-Id");
        if (externalId != null) {
            return forum.userByExternalId(externalId);
        }
        return forum.userByName("system");
    }

    private static boolean isPrivate(HttpExchange ex) {
        InetAddress a = ex.getRemoteAddress().getAddress();
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress();
    }

    private static int seconds(long millis) {
        return (int) Math.max(1, (millis + 999) / 1000);
    }

    private static Response adminLimited(int wait) {
        return jsonLimited(wait, "admin_api_key_rate_limit");
    }

    private static Response jsonLimited(int wait, String code) {
        var o = Json.errors("You’ve performed this action too many times. Please wait " + wait + " seconds before trying again.", "rate_limit");
        o.putObject("extras").put("wait_seconds", wait).put("time_left", wait + " seconds");
        return Response.json(429, o).header("Retry-After", String.valueOf(wait)).header("Discourse-Rate-Limit-Error-Code", code);
    }

    private static Response ipLimited(int wait, String code) {
        return Response.text(429, "text/plain", "Slow down, you're making too many requests.\nPlease retry again in " + wait + " seconds.\nError code: " + code + ".\n")
                .header("Retry-After", String.valueOf(wait)).header("Discourse-Rate-Limit-Error-Code", code);
    }

    private static String errorPage(int status) {
        String title = status == 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable";
        return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    }

    private void finish(HttpExchange ex, Request r, Response resp, int truncateTo) {
        stats.record(r.route, String.valueOf(resp.status));
        send(ex, resp, truncateTo);
    }

    private static void send(HttpExchange ex, Response resp, int truncateTo) {
        try {
            ex.getResponseHeaders().set("Content-Type", resp.contentType);
            resp.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] body = truncateTo >= 0 ? Arrays.copyOf(resp.body, truncateTo) : resp.body;
            ex.sendResponseHeaders(resp.status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            ex.close();
        }
    }

    // ---- command line ----

    public static void main(String[] args) throws InterruptedException {
        SimulatorConfig cfg = SimulatorConfig.defaults();
        cfg.port = 4200;
        cfg.topics = 200;
        cfg.posts = 3000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--port" -> cfg.port = Integer.parseInt(v);
                case "--topics" -> cfg.topics = Integer.parseInt(v);
                case "--posts" -> cfg.posts = Integer.parseInt(v);
                case "--seed" -> cfg.seed = Long.parseLong(v);
                case "--api-key" -> cfg.apiKey = v;
                case "--api-username" -> cfg.apiUsername = v;
                case "--bind" -> cfg.bindAddress = v;
                case "--threads" -> cfg.threads = Integer.parseInt(v);
                default -> {
                    System.err.println("unknown option " + args[i] + "; usage: --port P --topics N --posts M --seed S --api-key K --api-username U [--bind ADDR]");
                    System.exit(2);
                }
            }
        }
        DiscourseSimulator sim = start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        int topics = sim.forum.topics().size();
        int posts = sim.forum.postsById().size();
        System.out.println("Discourse simulator listening on " + sim.baseUrl() + " (" + topics + " topics, " + posts + " posts, seed " + cfg.seed + ")");
        System.out.println("Api-Key: " + sim.apiKey());
        System.out.println("Api-Username: " + sim.apiUsername());
        if (sim.userApiKey() != null) {
            System.out.println("User-Api-Key: " + sim.userApiKey());
        }
        System.out.println("Control API: " + sim.baseUrl() + "/__sim/stats");
        System.out.flush();
        Thread.currentThread().join();
    }
}
