package org.kbbridge.adapter.persistence;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.port.out.BatchResult;
import org.kbbridge.port.out.ReceivedForumEvents;
import org.kbbridge.port.out.SyncBatch;

/** webhook_events_received: the event id is inserted in the transaction that applies the event. */
final class JdbiReceivedForumEvents implements ReceivedForumEvents {

    private final Jdbi jdbi;
    private final JdbiKnowledgeWriter writer;

    JdbiReceivedForumEvents(Jdbi jdbi, JdbiKnowledgeWriter writer) {
        this.jdbi = jdbi;
        this.writer = writer;
    }

    @Override
    public boolean seen(long accountId, String eventId) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM webhook_events_received WHERE account_id = :account
                                       AND event_id = :event)
                        """)
                .bind("account", accountId)
                .bind("event", eventId)
                .mapTo(Boolean.class)
                .one());
    }

    @Override
    public Optional<BatchResult> applyOnce(long accountId, String eventId, SyncBatch batch) {
        return jdbi.inTransaction(handle -> {
            // a concurrent delivery of the same id waits here on the primary key, then finds it taken
            int recorded = handle.createUpdate("""
                            INSERT INTO webhook_events_received (account_id, event_id) VALUES (:account, :event)
                            ON CONFLICT DO NOTHING
                            """)
                    .bind("account", accountId)
                    .bind("event", eventId)
                    .execute();
            if (recorded == 0) {
                return Optional.empty();
            }
            return Optional.of(writer.write(handle, accountId, batch));
        });
    }
}
