package dev.aiops.launcher;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a service JVM in supervisor tests: {@code up} serves {@code /actuator/health} UP on
 * $SERVER_PORT and keeps a child process (to check descendants are stopped too); {@code die} exits at
 * once with code 3.
 */
public final class FakeService {

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "up";
        System.out.println("fake service starting in mode " + mode);
        if ("die".equals(mode)) {
            System.out.println("fake failure: could not connect to the database");
            System.exit(3);
        }
        new ProcessBuilder("sleep", "600").start();
        int port = Integer.parseInt(System.getenv("SERVER_PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = "{\"status\":\"UP\",\"components\":{\"ping\":{\"status\":\"UP\"}}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("fake service UP on " + port + ", marker " + System.getenv("FAKE_MARKER"));
    }
}
