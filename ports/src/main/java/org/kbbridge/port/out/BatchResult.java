package org.kbbridge.port.out;

/** What a batch did to the store. */
public record BatchResult(int created, int updated, int unchanged, int deleted) {

    public static final BatchResult EMPTY = new BatchResult(0, 0, 0, 0);

    public BatchResult plus(BatchResult o) {
        return new BatchResult(created + o.created, updated + o.updated, unchanged + o.unchanged, deleted + o.deleted);
    }
}
