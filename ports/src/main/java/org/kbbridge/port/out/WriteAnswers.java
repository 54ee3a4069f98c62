package org.kbbridge.port.out;

import org.kbbridge.port.in.WriteResult;

/** Renders the outcome of a write as the answer the client gets (and a repeat with the same key gets again). */
public interface WriteAnswers {

    WriteAnswer written(WriteResult result);

    /** Discourse refused the write; its status and message. */
    WriteAnswer refused(int status, String discourseMessage);
}
