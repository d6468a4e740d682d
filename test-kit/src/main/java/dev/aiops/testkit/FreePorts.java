package dev.aiops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Asks the kernel for an unused loopback port. */
public final class FreePorts {

    private FreePorts() {}

    /**
     * A port that was free a moment ago. Another process may take it before the caller binds it, so
     * callers that start a server on it retry with a new port when the start fails.
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
