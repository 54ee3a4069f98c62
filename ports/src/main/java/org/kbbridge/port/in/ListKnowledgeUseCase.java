package org.kbbridge.port.in;

/** Lists one resource of one account, keyset-paged by ascending remote id. */
public interface ListKnowledgeUseCase {

    /** @throws InvalidRequestException for a cursor that was tampered with or belongs to another query */
    KnowledgeList list(ListKnowledgeQuery query);
}
