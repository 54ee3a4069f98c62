package org.kbbridge.port.in;

/** A page of an account's change feed after {@code cursor} (null: from the first change); {@code limit} 1..100. */
public record ListChangesQuery(long accountId, String cursor, int limit) {

    public ListChangesQuery {
        if (limit < 1 || limit > ListKnowledgeQuery.MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + ListKnowledgeQuery.MAX_LIMIT
                    + " (got " + limit + ")");
        }
    }
}
