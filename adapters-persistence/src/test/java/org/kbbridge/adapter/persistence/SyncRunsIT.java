package org.kbbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kbbridge.domain.sync.SyncCounters;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncProgress;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.port.out.SyncRuns;

class SyncRunsIT {

    static StoreFixture fx;
    static SyncRuns runs;

    @BeforeAll
    static void open() {
        fx = new StoreFixture();
        runs = fx.store.syncRuns();
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void enqueue_refuses_a_second_run_while_one_is_queued_or_running() {
        long account = fx.newAccount("busy");
        SyncRun first = runs.enqueue(account, SyncMode.FULL).orElseThrow();

        assertThat(runs.enqueue(account, SyncMode.INCREMENTAL)).isEmpty();
        runs.markRunning(first.id());
        assertThat(runs.enqueue(account, SyncMode.RECONCILE)).isEmpty();
        assertThat(runs.unfinished(account)).map(SyncRun::id).contains(first.id());

        runs.finish(first.id(), SyncStatus.SUCCEEDED, new SyncCounters(5, 1, 2, 3, 4, 0, 6), null);
        assertThat(runs.unfinished(account)).isEmpty();
        assertThat(runs.enqueue(account, SyncMode.INCREMENTAL)).isPresent();
    }

    @Test
    void two_concurrent_enqueues_for_one_account_make_exactly_one_run() throws Exception {
        long account = fx.newAccount("raced");
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Optional<SyncRun>> enqueue = () -> {
            start.await();
            return runs.enqueue(account, SyncMode.FULL);
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Optional<SyncRun>>> results = pool.invokeAll(List.of(enqueue, enqueue));
        pool.shutdown();

        long made = 0;
        for (Future<Optional<SyncRun>> result : results) {
            made += result.get().isPresent() ? 1 : 0;
        }
        assertThat(made).isEqualTo(1);
        assertThat(runs.list(account, 10)).hasSize(1);
    }

    @Test
    void a_run_records_its_progress_counters_and_outcome() {
        long account = fx.newAccount("tracked");
        SyncRun run = runs.enqueue(account, SyncMode.RECONCILE).orElseThrow();
        assertThat(run.status()).isEqualTo(SyncStatus.QUEUED);
        assertThat(run.startedAt()).isNull();

        runs.markRunning(run.id());
        runs.progress(run.id(), new SyncProgress(40, 100, "posts"), new SyncCounters(3, 0, 1, 40, 0, 0, 0));
        SyncRun midway = runs.find(run.id()).orElseThrow();
        runs.finish(run.id(), SyncStatus.FAILED, new SyncCounters(4, 1, 5, 40, 0, 0, 0), "Discourse answered 503");
        SyncRun done = runs.find(run.id()).orElseThrow();

        assertThat(midway.status()).isEqualTo(SyncStatus.RUNNING);
        assertThat(midway.startedAt()).isNotNull();
        assertThat(midway.progress()).isEqualTo(new SyncProgress(40, 100, "posts"));
        assertThat(done.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(done.counters()).isEqualTo(new SyncCounters(4, 1, 5, 40, 0, 0, 0));
        assertThat(done.error()).isEqualTo("Discourse answered 503");
        assertThat(runs.list(null, 100)).extracting(SyncRun::id).contains(run.id());
    }
}
