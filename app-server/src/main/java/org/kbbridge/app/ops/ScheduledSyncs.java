package org.kbbridge.app.ops;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.port.in.StartSyncCommand;
import org.kbbridge.port.in.StartSyncUseCase;
import org.kbbridge.port.in.SyncAlreadyRunningException;
import org.kbbridge.port.in.UnknownAccountException;
import org.kbbridge.port.out.SyncRuns;

/** What a schedule firing does: queue a run of the account and wait until it has finished. */
public final class ScheduledSyncs {

    private static final Logger LOG = Logger.getLogger(ScheduledSyncs.class.getName());

    private final StartSyncUseCase starter;
    private final SyncRuns runs;
    private final Function<SyncRun, Future<?>> dispatcher;

    /** @param dispatcher runs a queued sync on the sync executor */
    public ScheduledSyncs(StartSyncUseCase starter, SyncRuns runs, Function<SyncRun, Future<?>> dispatcher) {
        this.starter = starter;
        this.runs = runs;
        this.dispatcher = dispatcher;
    }

    /**
     * @param recovering true when Quartz re-fires the job of a node that died during it: the run it left unfinished
     *     is resumed from its checkpoint
     */
    void run(long accountId, SyncMode mode, boolean recovering) {
        Optional<SyncRun> run = start(accountId, mode, recovering);
        if (run.isEmpty()) {
            return;
        }
        Future<?> done = dispatcher.apply(run.get());
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            LOG.log(Level.WARNING, "scheduled sync run " + run.get().id() + " of account " + accountId
                    + " did not finish", e);
        }
    }

    private Optional<SyncRun> start(long accountId, SyncMode mode, boolean recovering) {
        try {
            return Optional.of(starter.startSync(new StartSyncCommand(accountId, mode)));
        } catch (SyncAlreadyRunningException e) {
            if (recovering) {
                Optional<SyncRun> left = runs.unfinished(accountId);
                left.ifPresent(r -> LOG.info(() -> "resuming sync run " + r.id() + " of account " + accountId
                        + ", left unfinished by a node that stopped"));
                return left;
            }
            LOG.info(() -> "scheduled " + mode.wire() + " sync of account " + accountId + " skipped: sync run "
                    + e.runningRunId() + " is still queued or running");
            return Optional.empty();
        } catch (UnknownAccountException e) {
            LOG.info(() -> "scheduled sync of account " + accountId + " skipped: the account no longer exists");
            return Optional.empty();
        }
    }
}
