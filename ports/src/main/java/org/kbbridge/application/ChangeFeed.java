package org.kbbridge.application;

import java.util.List;
import java.util.Optional;
import org.kbbridge.domain.paging.CursorCodec;
import org.kbbridge.domain.sync.ChangeEvent;
import org.kbbridge.port.in.ChangeList;
import org.kbbridge.port.in.InvalidRequestException;
import org.kbbridge.port.in.ListChangesQuery;
import org.kbbridge.port.in.ListChangesUseCase;
import org.kbbridge.port.out.ChangeLog;

public final class ChangeFeed implements ListChangesUseCase {

    private final ChangeLog log;
    private final CursorCodec cursors;

    public ChangeFeed(ChangeLog log, CursorCodec cursors) {
        this.log = log;
        this.cursors = cursors;
    }

    @Override
    public ChangeList changes(ListChangesQuery query) {
        String fingerprint = "changes|" + query.accountId();
        long after = 0;
        if (query.cursor() != null) {
            after = cursors.decode(fingerprint, query.cursor()).flatMap(ChangeFeed::seq).orElseThrow(
                    () -> new InvalidRequestException("next_cursor is not valid for this account's change feed: pass "
                            + "the next_cursor of the previous answer unchanged, or leave it out to start from the "
                            + "first change"));
        }
        List<ChangeEvent> changes = log.after(query.accountId(), after, query.limit());
        long last = changes.isEmpty() ? after : changes.get(changes.size() - 1).seq();
        return new ChangeList(changes, cursors.encode(fingerprint, Long.toString(last)));
    }

    private static Optional<Long> seq(String key) {
        try {
            long seq = Long.parseLong(key);
            return seq >= 0 ? Optional.of(seq) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
