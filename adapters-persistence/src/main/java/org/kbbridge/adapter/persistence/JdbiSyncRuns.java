package org.kbbridge.adapter.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.domain.sync.SyncCounters;
import org.kbbridge.domain.sync.SyncMode;
import org.kbbridge.domain.sync.SyncProgress;
import org.kbbridge.domain.sync.SyncRun;
import org.kbbridge.domain.sync.SyncStatus;
import org.kbbridge.port.out.SyncRuns;

/** The partial unique index {@code sync_runs_one_active} is what keeps two nodes from both enqueueing a run. */
final class JdbiSyncRuns implements SyncRuns {

    private static final String COLUMNS = """
            id, account_id, mode, status, started_at, finished_at, progress_done, progress_total, progress_unit,
            requests, rate_limited, retried, created, updated, deleted, unchanged, error""";

    private final Jdbi jdbi;

    JdbiSyncRuns(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<SyncRun> enqueue(long accountId, SyncMode mode) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        INSERT INTO sync_runs (account_id, mode, status) VALUES (:account, :mode, 'queued')
                        ON CONFLICT DO NOTHING
                        RETURNING %s""".formatted(COLUMNS))
                .bind("account", accountId)
                .bind("mode", mode.wire())
                .map((rs, ctx) -> run(rs))
                .findOne());
    }

    @Override
    public Optional<SyncRun> find(long runId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT " + COLUMNS + " FROM sync_runs WHERE id = :id")
                .bind("id", runId)
                .map((rs, ctx) -> run(rs))
                .findOne());
    }

    @Override
    public List<SyncRun> list(Long accountId, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT %s FROM sync_runs
                        WHERE CAST(:account AS bigint) IS NULL OR account_id = :account
                        ORDER BY id DESC
                        LIMIT :limit""".formatted(COLUMNS))
                .bind("account", accountId)
                .bind("limit", limit)
                .map((rs, ctx) -> run(rs))
                .list());
    }

    @Override
    public Optional<SyncRun> unfinished(long accountId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT %s FROM sync_runs
                        WHERE account_id = :account AND status IN ('queued', 'running')""".formatted(COLUMNS))
                .bind("account", accountId)
                .map((rs, ctx) -> run(rs))
                .findOne());
    }

    @Override
    public void markRunning(long runId) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sync_runs SET status = 'running', started_at = coalesce(started_at, now())
                        WHERE id = :id AND status IN ('queued', 'running')""")
                .bind("id", runId)
                .execute());
    }

    @Override
    public void progress(long runId, SyncProgress progress, SyncCounters counters) {
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sync_runs SET progress_done = :done, progress_total = :total, progress_unit = :unit,
                               requests = :requests, rate_limited = :rateLimited, retried = :retried,
                               created = :created, updated = :updated, deleted = :deleted, unchanged = :unchanged
                        WHERE id = :id""")
                .bind("id", runId)
                .bind("done", progress.done())
                .bind("total", progress.total())
                .bind("unit", progress.unit())
                .bindMethods(counters)
                .execute());
    }

    @Override
    public void finish(long runId, SyncStatus status, SyncCounters counters, String error) {
        if (!status.finished()) {
            throw new IllegalArgumentException("a run finishes as succeeded, failed or cancelled, not " + status);
        }
        jdbi.useHandle(handle -> handle.createUpdate("""
                        UPDATE sync_runs SET status = :status, finished_at = now(), error = :error,
                               requests = :requests, rate_limited = :rateLimited, retried = :retried,
                               created = :created, updated = :updated, deleted = :deleted, unchanged = :unchanged
                        WHERE id = :id""")
                .bind("id", runId)
                .bind("status", status.wire())
                .bind("error", error)
                .bindMethods(counters == null ? SyncCounters.ZERO : counters)
                .execute());
    }

    private static SyncRun run(ResultSet rs) throws SQLException {
        return new SyncRun(
                rs.getLong("id"),
                rs.getLong("account_id"),
                SyncMode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)),
                SyncStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                new SyncProgress(rs.getLong("progress_done"), rs.getLong("progress_total"), rs.getString("progress_unit")),
                new SyncCounters(rs.getLong("requests"), rs.getLong("rate_limited"), rs.getLong("retried"),
                        rs.getLong("created"), rs.getLong("updated"), rs.getLong("deleted"), rs.getLong("unchanged")),
                rs.getString("error"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
