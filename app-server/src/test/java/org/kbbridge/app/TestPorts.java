package org.kbbridge.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

final class TestPorts {

    private TestPorts() {
    }

    static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
