package org.kbbridge.app;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.port.in.SyncAlreadyRunningException;
import org.kbbridge.simulator.DiscourseSimulator;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** {@code kb-bridge demo|serve|sync|simulate} (SPEC 2). */
public final class Main {

    private static final PrintStream OUT = System.out;
    private static final PrintStream ERR = System.err;

    private Main() {
    }

    public static void main(String[] args) {
        // the core logs through java.util.logging (JDK only); one format for every log line
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            usage(OUT);
            return;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        int code;
        try {
            code = switch (args[0]) {
                case "serve" -> serve(Settings.load(System.getenv(), rest));
                case "sync" -> sync(Settings.load(System.getenv(), rest));
                case "simulate" -> simulate(rest);
                case "demo" -> Demo.run(Settings.load(demoEnv(), rest));
                default -> {
                    ERR.println("kb-bridge: unknown command '" + args[0] + "'");
                    usage(ERR);
                    yield 2;
                }
            };
        } catch (BadSettingException e) {
            ERR.println("kb-bridge: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    private static Map<String, String> demoEnv() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("KB_ALLOW_PRIVATE_HOSTS", "true");
        return env;
    }

    static int serve(Settings settings) {
        KbBridge bridge = KbBridge.start(settings, true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            stopped.countDown();
        }, "kb-shutdown"));
        if (bridge.generatedAdminToken() != null) {
            OUT.println("Admin token (shown once, stored only as a hash): " + bridge.generatedAdminToken());
        }
        bridge.resumeUnfinishedRuns();
        OUT.println("kb-bridge serving on http://localhost:" + settings.httpPort() + " (database: "
                + (settings.embeddedDatabase() ? "embedded in " + settings.dataDir() : settings.dbUrl()) + ")");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** One-shot sync with a progress bar; exit code 0 only when the run succeeded. */
    static int sync(Settings settings) {
        Map<String, String> extra = settings.extra();
        String baseUrl = extra.get("base-url");
        if (baseUrl == null) {
            ERR.println("kb-bridge sync: --base-url is required (the forum's address)");
            return 2;
        }
        SyncMode mode = SyncMode.parse(extra.getOrDefault("mode", "full")).orElse(null);
        if (mode == null) {
            ERR.println("kb-bridge sync: --mode must be full, incremental or reconcile");
            return 2;
        }
        try (KbBridge bridge = KbBridge.start(settings, false)) {
            IntegratedAccount account;
            try {
                account = findOrRegister(bridge, RegisterAccountCommand.normaliseBaseUrl(baseUrl),
                        extra.get("api-key"), extra.get("api-username"), rateLimit(extra));
            } catch (InvalidRequestException e) {
                ERR.println("kb-bridge sync: " + e.getMessage());
                return 2;
            }
            SyncRun run = bridge.store().syncRuns().unfinished(account.id()).orElse(null);
            if (run != null) {
                OUT.println("Resuming sync run " + run.id() + " (" + run.mode().wire() + ") of " + account.baseUrl());
            } else {
                try {
                    run = bridge.starter().startSync(new StartSyncCommand(account.id(), mode));
                } catch (SyncAlreadyRunningException e) {
                    ERR.println("kb-bridge sync: " + e.getMessage());
                    return 1;
                }
                OUT.println("Sync run " + run.id() + " (" + mode.wire() + ") of " + account.baseUrl());
            }
            SyncRun finished = runWithProgress(bridge, run.id(), OUT);
            summary(finished, OUT);
            return finished.status() == SyncStatus.SUCCEEDED ? 0 : 1;
        }
    }

    private static Integer rateLimit(Map<String, String> extra) {
        String value = extra.get("rate-limit-per-minute");
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("--rate-limit-per-minute must be a whole number, not '" + value + "'");
        }
    }

    static IntegratedAccount findOrRegister(KbBridge bridge, String baseUrl, String apiKey, String apiUsername,
            Integer rateLimitPerMinute) {
        Optional<IntegratedAccount> existing = bridge.accounts().all().stream()
                .filter(a -> a.baseUrl().equals(baseUrl))
                .filter(a -> apiUsername == null || apiUsername.equals(a.apiUsername()))
                .findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        if (apiKey == null) {
            throw new InvalidRequestException("--api-key (and --api-username) are needed the first time a forum is "
                    + "synced; later runs find the account by --base-url");
        }
        return bridge.accounts().register(new RegisterAccountCommand(baseUrl, baseUrl, apiKey, apiUsername,
                KeyKind.GLOBAL, rateLimitPerMinute, null, SyncSettings.defaults(), true));
    }

    static SyncRun runWithProgress(KbBridge bridge, long runId, PrintStream out) {
        ProgressBar bar = new ProgressBar(out, System.console() != null);
        Thread painter = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                bridge.store().syncRuns().find(runId).ifPresent(bar::show);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "kb-progress");
        painter.setDaemon(true);
        painter.start();
        SyncRun finished = bridge.runner().runSync(runId);
        painter.interrupt();
        try {
            painter.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bar.finish(finished);
        return finished;
    }

    static void summary(SyncRun run, PrintStream out) {
        var c = run.counters();
        out.printf("Sync %s: %d created, %d updated, %d deleted, %d unchanged; %d requests (%d rate-limited, "
                + "%d retried)%n", run.status().wire(), c.created(), c.updated(), c.deleted(), c.unchanged(),
                c.requests(), c.rateLimited(), c.retried());
        if (run.error() != null) {
            out.println("Error: " + run.error());
        }
    }

    static int simulate(List<String> args) {
        try {
            DiscourseSimulator.main(args.toArray(String[]::new));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void usage(PrintStream out) {
        out.println("""
                usage: kb-bridge <command> [--setting value ...]

                  demo       embedded PostgreSQL, the server on :8080, a simulated forum, a full sync, curl lines to try
                  serve      the server (KB_HTTP_PORT, KB_DB_URL, KB_DATA_DIR, KB_ADMIN_TOKEN, KB_MASTER_KEY, ...)
                  sync       --base-url URL [--api-key K --api-username U] [--mode full|incremental|reconcile]
                             [--rate-limit-per-minute N]
                  simulate   --port P [--topics N --posts M --seed S --api-key K --api-username U]

                Settings are environment variables or the same names as --kebab-case flags (KB_HTTP_PORT = --http-port).""");
    }
}
