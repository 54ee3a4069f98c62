package org.kbbridge.adapter.persistence;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;
import org.kbbridge.domain.sync.ChangeEvent;
import org.kbbridge.domain.sync.ChangeOp;
import org.kbbridge.port.out.ChangeLog;

final class JdbiChangeLog implements ChangeLog {

    private final Jdbi jdbi;

    JdbiChangeLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<ChangeEvent> after(long accountId, long afterSeq, int limit) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        SELECT seq, account_id, resource, remote_id, op, at FROM change_log
                        WHERE account_id = :account AND seq > :after
                        ORDER BY seq
                        LIMIT :limit
                        """)
                .bind("account", accountId)
                .bind("after", afterSeq)
                .bind("limit", limit)
                .map((rs, ctx) -> new ChangeEvent(
                        rs.getLong("seq"),
                        rs.getLong("account_id"),
                        ResourceTable.ofWire(rs.getString("resource")).type,
                        rs.getString("remote_id"),
                        ChangeOp.valueOf(rs.getString("op").toUpperCase(Locale.ROOT)),
                        rs.getObject("at", OffsetDateTime.class).toInstant()))
                .list());
    }
}
