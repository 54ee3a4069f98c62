package org.kbbridge.port.in;

public class UnknownAccountException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownAccountException(long accountId) {
        super("integrated account " + accountId + " does not exist");
    }
}
