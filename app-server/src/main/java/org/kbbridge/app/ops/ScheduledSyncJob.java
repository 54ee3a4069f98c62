package org.kbbridge.app.ops;

import org.kbbridge.domain.sync.SyncMode;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * One account's scheduled sync. One job per account carries both of its triggers (incremental and reconcile), and
 * Quartz never runs a {@code @DisallowConcurrentExecution} job twice at once, in the clustered store across nodes
 * too: runs of one account never overlap.
 */
@DisallowConcurrentExecution
public final class ScheduledSyncJob implements InterruptableJob {

    static final String ACCOUNT_ID = "accountId";
    static final String MODE = "mode";

    private volatile Thread worker;

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        long accountId = Long.parseLong(context.getMergedJobDataMap().getString(ACCOUNT_ID));
        SyncMode mode = SyncMode.parse(context.getMergedJobDataMap().getString(MODE)).orElse(SyncMode.INCREMENTAL);
        ScheduledSyncs syncs;
        try {
            syncs = (ScheduledSyncs) context.getScheduler().getContext().get(SyncSchedules.CONTEXT_KEY);
        } catch (SchedulerException e) {
            throw new JobExecutionException(e);
        }
        worker = Thread.currentThread();
        try {
            syncs.run(accountId, mode, context.isRecovering());
        } finally {
            worker = null;
        }
    }

    /** Stops waiting for the run (on shutdown); the run itself is stopped with the sync executor. */
    @Override
    public void interrupt() {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
    }
}
