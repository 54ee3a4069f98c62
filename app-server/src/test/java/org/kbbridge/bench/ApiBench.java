package org.kbbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * HTTP, no JSON) for comparison. Prints requests/s, p50/p99 latency, and the CPU each request cost the load clients,
 * the rest of the JVM (the server) and PostgreSQL, so that what the clients cost is not counted as the server's.
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

            String host = "Host: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token + "\r\n\r\n";
            String listPath = "/unified/knowledge-base/comments?integrated_account_id=" + account.id() + "&limit=50";
            IntFunction<Runnable> list = c -> {
                KeepAlive connection = new KeepAlive(port, host);
                return () -> {
                    String at = cursors.get(ThreadLocalRandom.current().nextInt(cursors.size()));
                    connection.get(listPath + (at == null ? "" : "&next_cursor=" + at));
                };
            };
            IntFunction<Runnable> get = c -> {
                KeepAlive connection = new KeepAlive(port, host);
                return () -> {
                    String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    connection.get("/unified/knowledge-base/comments/" + id + "?integrated_account_id=" + account.id());
                };
            };
            IntFunction<Runnable> sql = c -> () -> {
                String after = afterIds.get(ThreadLocalRandom.current().nextInt(afterIds.size()));
                ItemPage page = bridge.store().knowledgeReader().list(new ListQuery(account.id(), ResourceType.COMMENT,
                        null, null, null, null, null, false, after, 50, false));
                if (page.items().isEmpty()) {
                    throw new IllegalStateException("empty page");
                }
            };
            CpuMeter cpu = new CpuMeter(dir);
            System.out.println("cpu ms/req: load client threads | rest of the JVM (server: Vert.x, Camel, handlers, Jdbi)"
                    + " | PostgreSQL processes; the machine has " + Runtime.getRuntime().availableProcessors()
                    + " cores, so 2,000 ms of CPU per second is all of it");
            measure("warm-up (list over HTTP)", list, clients, Math.min(3, seconds), cpu);
            measure("list comments, limit 50, over HTTP", list, clients, seconds, cpu);
            measure("get comment by id, over HTTP", get, clients, seconds, cpu);
            measure("same keyset query on PostgreSQL (Jdbi, no HTTP)", sql, clients, seconds, cpu);
        }
    }

    private static void measure(String name, IntFunction<Runnable> work, int clients, int seconds, CpuMeter cpu)
            throws InterruptedException {
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        long[] clientCpu = new long[clients];
        Runnable[] calls = new Runnable[clients];
        for (int c = 0; c < clients; c++) {
            calls[c] = work.apply(c);
        }
        String load = loadAverage();
        long[] cpuBefore = cpu.sample();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] threads = new Thread[clients];
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] = new Thread(() -> {
                long cpuFrom = THREADS.getCurrentThreadCpuTime();
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    calls[client].run();
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - t;
                }
                latencies[client] = mine;
                counts[client] = n;
                clientCpu[client] = THREADS.getCurrentThreadCpuTime() - cpuFrom;
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpu.sample();
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, k, counts[c]);
            k += counts[c];
        }
        Arrays.sort(all);
        double client = Arrays.stream(clientCpu).sum() / 1e6 / total;
        double jvm = (cpuAfter[0] - cpuBefore[0]) / 1e6 / total;
        double postgres = (cpuAfter[1] - cpuBefore[1]) / 1e6 / total;
        System.out.printf("%-50s %6.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests; load %s)%n", name,
                total / elapsed, all[total / 2] / 1e6, all[(int) Math.min(total - 1, Math.floor(total * 0.99))] / 1e6,
                total, load);
        System.out.printf("%-50s cpu ms/req: client %.3f | server JVM %.3f | PostgreSQL %.3f%n", "", client,
                jvm - client, postgres);
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).strip();
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** CPU time of this JVM and of the PostgreSQL cluster started under {@code dataDir} (postmaster and backends). */
    private static final class CpuMeter {

        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final String dataDir;
        private final long nanosPerTick;

        CpuMeter(Path dataDir) {
            this.dataDir = dataDir.toString();
            long hz = 100;
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
                hz = Long.parseLong(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip());
            } catch (IOException | NumberFormatException e) {
                // 100 Hz is the Linux default
            }
            this.nanosPerTick = 1_000_000_000L / hz;
        }

        /** {JVM CPU ns, PostgreSQL CPU ns}. */
        long[] sample() {
            long postgres = 0;
            for (ProcessHandle root : postmasters()) {
                postgres += ticks(root.pid());
                for (ProcessHandle child : root.descendants().toList()) {
                    postgres += ticks(child.pid());
                }
            }
            return new long[] {os.getProcessCpuTime(), postgres * nanosPerTick};
        }

        private List<ProcessHandle> postmasters() {
            return ProcessHandle.allProcesses().filter(p -> {
                try {
                    String cmd = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline"));
                    return cmd.contains(dataDir) && cmd.contains("postgres");
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            }).toList();
        }

        private static long ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /**
     * One keep-alive HTTP/1.1 connection on a plain socket: java.net.http.HttpClient costs more CPU per request than
     * a lean server on the same 2 cores, and this client is meant to measure the server.
     */
    private static final class KeepAlive {

        private final int port;
        private final byte[] headers;
        private Socket socket;
        private OutputStream out;
        private InputStream in;
        private byte[] body = new byte[256 * 1024];

        KeepAlive(int port, String headers) {
            this.port = port;
            this.headers = headers.getBytes(StandardCharsets.US_ASCII);
        }

        void get(String pathAndQuery) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress("127.0.0.1", port));
                    out = new BufferedOutputStream(socket.getOutputStream(), 4096);
                    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
                }
                out.write(("GET " + pathAndQuery + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(headers);
                out.flush();
                int status = Integer.parseInt(line().substring(9, 12));
                int length = -1;
                boolean chunked = false;
                for (String h = line(); !h.isEmpty(); h = line()) {
                    if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Integer.parseInt(h.substring(15).strip());
                    } else if (h.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
                        chunked = h.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                    }
                }
                if (chunked) {
                    for (int size = Integer.parseInt(line().strip(), 16); size > 0;
                            size = Integer.parseInt(line().strip(), 16)) {
                        read(size);
                        line();
                    }
                    line();
                } else {
                    read(Math.max(0, length));
                }
                if (status != 200) {
                    throw new IllegalStateException(pathAndQuery + " -> " + status);
                }
            } catch (IOException e) {
                socket = null;
                throw new UncheckedIOException(e);
            }
        }

        private void read(int n) throws IOException {
            if (n > body.length) {
                body = new byte[n];
            }
            if (in.readNBytes(body, 0, n) != n) {
                throw new EOFException("connection closed");
            }
        }

        private String line() throws IOException {
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
    }
}
