package org.kbbridge.app;

/** A setting that stops start-up; its message is the one line the operator sees, naming the setting. */
public class BadSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadSettingException(String setting, String problem) {
        super(setting + ": " + problem);
    }
}
