package org.kbbridge.adapter.persistence;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.domain.sync.Checkpoint;
import org.kbbridge.port.out.SyncCheckpoints;

final class JdbiSyncCheckpoints implements SyncCheckpoints {

    private final Jdbi jdbi;

    JdbiSyncCheckpoints(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Checkpoint> find(long accountId, String stream) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT account_id, stream, position, run_id FROM sync_checkpoints
                        WHERE account_id = :account AND stream = :stream
                        """)
                .bind("account", accountId)
                .bind("stream", stream)
                .map((rs, ctx) -> new Checkpoint(rs.getLong("account_id"), rs.getString("stream"),
                        rs.getString("position"), rs.getObject("run_id", Long.class)))
                .findOne());
    }

    @Override
    public void save(Checkpoint checkpoint) {
        jdbi.useHandle(handle -> JdbiKnowledgeWriter.saveCheckpoint(handle, checkpoint));
    }

    @Override
    public void clear(long accountId, String stream) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "DELETE FROM sync_checkpoints WHERE account_id = :account AND stream = :stream")
                .bind("account", accountId)
                .bind("stream", stream)
                .execute());
    }
}
