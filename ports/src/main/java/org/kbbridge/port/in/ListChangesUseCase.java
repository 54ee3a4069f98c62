package org.kbbridge.port.in;

/** Reads an account's change feed in order (SPEC 3.5). */
public interface ListChangesUseCase {

    /** @throws InvalidRequestException for a cursor that was tampered with or belongs to another account */
    ChangeList changes(ListChangesQuery query);
}
