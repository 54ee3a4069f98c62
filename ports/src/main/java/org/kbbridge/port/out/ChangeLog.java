package org.kbbridge.port.out;

import java.util.List;
import org.kbbridge.domain.sync.ChangeEvent;

/** The change feed: entries of one account after {@code afterSeq}, in order. */
public interface ChangeLog {

    List<ChangeEvent> after(long accountId, long afterSeq, int limit);
}
