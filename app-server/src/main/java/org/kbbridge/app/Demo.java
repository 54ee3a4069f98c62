package org.kbbridge.app;

import java.io.PrintStream;
import java.util.List;
import org.kbbridge.domain.account.IntegratedAccount;
import org.kbbridge.domain.account.KeyKind;
import org.kbbridge.domain.account.Principal;
import org.kbbridge.domain.account.SyncSettings;
import org.kbbridge.domain.account.TokenAccess;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.port.in.RegisterAccountCommand;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.simulator.DiscourseSimulator;
import org.kbbridge.simulator.SimulatorConfig;

/**
 * {@code kb-bridge demo}: the server on embedded PostgreSQL, a simulated forum registered as an account, a full sync
 * with a progress bar, then curl lines to try. The simulated forum allows the demo a higher request rate than
 * Discourse's default so the first sync is quick; the throttle still applies.
 */
final class Demo {

    static final int DEMO_RATE_PER_MINUTE = 6_000;

    private Demo() {
    }

    static int run(Settings settings) {
        PrintStream out = System.out;
        out.println("kb-bridge demo: starting embedded PostgreSQL (data in " + settings.dataDir() + ") and the server on :"
                + settings.httpPort() + " ...");
        SimulatorConfig config = SimulatorConfig.defaults().size(300, 3_000).seed(7);
        DiscourseSimulator forum = DiscourseSimulator.start(config);
        forum.limits().adminPerWindow = DEMO_RATE_PER_MINUTE;
        KbBridge bridge = KbBridge.start(settings, true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            forum.close();
        }, "kb-demo-shutdown"));
        out.println("Simulated Discourse forum at " + forum.baseUrl() + " (300 topics, ~3,000 posts, with the edge "
                + "cases real forums have: whispers, hidden and deleted posts, PMs, pinned topics, accepted answers)");
        IntegratedAccount account = bridge.accounts().register(new RegisterAccountCommand("Demo forum " + forum.port(),
                forum.baseUrl(), forum.apiKey(), forum.apiUsername(), KeyKind.GLOBAL, DEMO_RATE_PER_MINUTE, null,
                SyncSettings.defaults(), true));
        out.println("Registered integrated account " + account.id() + "; full sync:");
        SyncRun run = bridge.starter().startSync(new StartSyncCommand(account.id(), SyncMode.FULL));
        SyncRun finished = Main.runWithProgress(bridge, run.id(), out);
        Main.summary(finished, out);
        if (finished.status() != SyncStatus.SUCCEEDED) {
            return 1;
        }
        String admin = bridge.generatedAdminToken() != null ? bridge.generatedAdminToken() : settings.adminToken();
        String reader = new org.kbbridge.app.http.Authenticator(bridge.store().apiTokens())
                .issue(new Principal(false, java.util.Set.of(account.id()), TokenAccess.READ));
        String base = "http://localhost:" + settings.httpPort();
        long id = account.id();
        out.println();
        out.println("Try it (a read-only tenant token for this account):");
        for (String line : List.of(
                "curl -s '" + base + "/unified/knowledge-base/collections?integrated_account_id=" + id + "'",
                "curl -s '" + base + "/unified/knowledge-base/pages?integrated_account_id=" + id + "&limit=5'",
                "curl -s '" + base + "/unified/knowledge-base/pages?integrated_account_id=" + id + "&q=install'",
                "curl -s '" + base + "/unified/knowledge-base/comments?integrated_account_id=" + id
                        + "&limit=3&format=plaintext'",
                "curl -s '" + base + "/unified/knowledge-base/tags?integrated_account_id=" + id + "'")) {
            out.println("  " + line + " -H 'Authorization: Bearer " + reader + "'");
        }
        if (admin != null) {
            out.println("Admin (token shown once; it is stored only as a hash):");
            out.println("  curl -s '" + base + "/admin/sync-runs/" + run.id() + "' -H 'Authorization: Bearer " + admin
                    + "'");
        } else {
            out.println("Admin: use the admin token printed on this data dir's first start (or set KB_ADMIN_TOKEN).");
        }
        out.println("Press Ctrl+C to stop.");
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
