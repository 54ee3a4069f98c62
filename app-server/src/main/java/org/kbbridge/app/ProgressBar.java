package org.kbbridge.app;

import java.io.PrintStream;
import java.util.Locale;
import org.kbbridge.domain.sync.SyncRun;

/** Renders a sync run's progress on a terminal line, or as a log line every few seconds when not on a terminal. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLineAt;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(SyncRun run) {
        if (run.progress().total() == 0 && run.progress().done() == 0) {
            return; // the run has not read the forum's counts yet: nothing worth drawing
        }
        String line = render(run);
        if (terminal) {
            out.print("\r" + line);
            out.flush();
        } else if (System.currentTimeMillis() - lastLineAt > 2_000) {
            out.println(line);
            lastLineAt = System.currentTimeMillis();
        }
    }

    void finish(SyncRun run) {
        if (terminal) {
            out.print("\r" + render(run) + "\n");
        } else {
            out.println(render(run));
        }
        out.flush();
    }

    static String render(SyncRun run) {
        long total = Math.max(run.progress().total(), 1);
        double ratio = Math.min(1.0, run.progress().done() / (double) total);
        int filled = (int) Math.round(ratio * WIDTH);
        return String.format(Locale.ROOT, "[%s%s] %3d%% %d/%d %s | %d requests, %d rate-limited, %d retried",
                "#".repeat(filled), ".".repeat(WIDTH - filled), Math.round(ratio * 100), run.progress().done(),
                run.progress().total(), run.progress().unit(), run.counters().requests(),
                run.counters().rateLimited(), run.counters().retried());
    }
}
