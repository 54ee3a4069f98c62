package org.kbbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.kbbridge.adapter.discourse.DiscourseClientSettings;
import org.kbbridge.app.KbBridge;
import org.kbbridge.app.Settings;
import org.kbbridge.app.http.Authenticator;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.account.TokenAccess;
import org.kbbridge.domain.model.ResourceType;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.port.out.ItemPage;
import org.kbbridge.port.out.ListQuery;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.SimulatorConfig;

/**
 * Read load on the unified API over loopback: list pages (limit 50, resumed at cursors spread over the whole walk)
 * and get-by-id, with concurrent clients; then the same keyset query straight on PostgreSQL (the Jdbi reader, no
 * HTTP, no JSON) for comparison. Prints requests/s and p50/p99 latency.
 */
public final class ApiBench {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("kb-api-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DiscourseSimulator forum = DiscourseSimulator.start(SimulatorConfig.defaults().size(300, 3_000).seed(7));
                KbBridge bridge = KbBridge.start(Settings.load(Map.of(), List.of("--data-dir", dir.toString(),
                        "--http-port", Integer.toString(port), "--allow-private-hosts", "true")), true,
                        DiscourseClientSettings.defaults())) {
            forum.limits().adminPerWindow = 100_000;
            IntegratedAccount account = bridge.accounts().register(new RegisterAccountCommand("bench",
                    forum.baseUrl(), forum.apiKey(), forum.apiUsername(), KeyKind.GLOBAL, 10_000, null,
                    SyncSettings.defaults(), true));
            bridge.runner().runSync(bridge.starter().startSync(new StartSyncCommand(account.id(), SyncMode.FULL))
                    .id());
            String token = new Authenticator(bridge.store().apiTokens())
                    .issue(new Principal(false, Set.of(account.id()), TokenAccess.READ));
            String base = "http://127.0.0.1:" + port + "/unified/knowledge-base/comments?integrated_account_id="
                    + account.id();
            HttpClient setup = HttpClient.newHttpClient();
            List<String> cursors = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            List<String> afterIds = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = MAPPER.readTree(setup.send(HttpRequest.newBuilder(URI.create(base + "&limit=50"
                        + (cursor == null ? "" : "&next_cursor=" + cursor))).header("Authorization", "Bearer " + token)
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                cursors.add(cursor);
                afterIds.add(ids.isEmpty() ? null : ids.get(ids.size() - 1));
                page.get("result").forEach(n -> ids.add(n.get("id").asText()));
                cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            } while (cursor != null);
            System.out.printf("forum: %d comments synced, %d list pages of 50; %d clients, %d s per measure, %d cores%n",
                    ids.size(), cursors.size(), clients, seconds, Runtime.getRuntime().availableProcessors());

            HttpClient[] https = new HttpClient[clients];
            for (int i = 0; i < clients; i++) {
                https[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            }
            IntFunction<Runnable> list = c -> () -> {
                String at = cursors.get(ThreadLocalRandom.current().nextInt(cursors.size()));
                http(https[c], base + "&limit=50" + (at == null ? "" : "&next_cursor=" + at), token);
            };
            IntFunction<Runnable> get = c -> () -> {
                String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                http(https[c], "http://127.0.0.1:" + port + "/unified/knowledge-base/comments/" + id
                        + "?integrated_account_id=" + account.id(), token);
            };
            IntFunction<Runnable> sql = c -> () -> {
                String after = afterIds.get(ThreadLocalRandom.current().nextInt(afterIds.size()));
                ItemPage page = bridge.store().knowledgeReader().list(new ListQuery(account.id(), ResourceType.COMMENT,
                        null, null, null, null, null, false, after, 50));
                if (page.items().isEmpty()) {
                    throw new IllegalStateException("empty page");
                }
            };
            measure("warm-up (list over HTTP)", list, clients, Math.min(3, seconds));
            measure("list comments, limit 50, over HTTP", list, clients, seconds);
            measure("get comment by id, over HTTP", get, clients, seconds);
            measure("same keyset query on PostgreSQL (Jdbi, no HTTP)", sql, clients, seconds);
        }
    }

    private static void http(HttpClient client, String url, String token) {
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " -> " + r.statusCode());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void measure(String name, IntFunction<Runnable> work, int clients, int seconds)
            throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Runnable call = work.apply(c);
            threads[c] = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    call.run();
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - t;
                }
                latencies[client] = mine;
                counts[client] = n;
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("%-50s %8.0f req/s   p50 %6.2f ms   p99 %6.2f ms   (%d requests)%n", name, total / elapsed,
                all[total / 2] / 1e6, all[(int) Math.min(total - 1, Math.floor(total * 0.99))] / 1e6, total);
    }
}
