package org.kbbridge.port.in;

public class SyncAlreadyRunningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long runningRunId;

    public SyncAlreadyRunningException(long accountId, long runningRunId) {
        super("integrated account " + accountId + " already has sync run " + runningRunId
                + " queued or running; wait for it to finish");
        this.runningRunId = runningRunId;
    }

    public long runningRunId() {
        return runningRunId;
    }
}
