package dev.aiops.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.List;

/** Which of the ports the platform needs are already taken (by a leftover run or another program). */
public final class PortCheck {

    private PortCheck() {}

    public static List<Integer> taken(Collection<Integer> ports) {
        return ports.stream().filter(p -> !isFree(p)).sorted().toList();
    }

    /** True if a server could bind the port on every interface right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // same SO_REUSEADDR as Tomcat/Netty/PostgreSQL: TIME_WAIT leftovers do not count as taken
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free now (for tests). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
