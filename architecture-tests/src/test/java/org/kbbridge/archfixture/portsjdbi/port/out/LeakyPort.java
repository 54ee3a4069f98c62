package org.kbbridge.archfixture.portsjdbi.port.out;

import org.jdbi.v3.core.Handle;

public interface LeakyPort {
    void write(Handle handle);
}
