package dev.aiops.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A scrape target for a real Prometheus: serves a Prometheus text exposition (version 0.0.4) on
 * {@code /metrics} of a free loopback port. The text can be replaced at any time; the next scrape sees it.
 *
 * <pre>{@code
 * try (MetricsEndpoint node = MetricsEndpoint.serving("node_load1 0.5\n")) {
 *     PrometheusServer.builder().scrapeTarget("node", node.hostPort(), "/metrics").start();
 * }
 * }</pre>
 */
public final class MetricsEndpoint implements AutoCloseable {

    public static final String PATH = "/metrics";

    private final HttpServer server;
    private final AtomicReference<String> exposition;

    private MetricsEndpoint(HttpServer server, AtomicReference<String> exposition) {
        this.server = server;
        this.exposition = exposition;
    }

    /** Starts serving the given exposition text. */
    public static MetricsEndpoint serving(String text) {
        AtomicReference<String> exposition = new AtomicReference<>(text);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(PATH, exchange -> {
                byte[] body = exposition.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "aiops-testkit-metrics-endpoint");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new MetricsEndpoint(server, exposition);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a metrics endpoint", e);
        }
    }

    /** Replaces what the next scrape returns. */
    public void serve(String text) {
        exposition.set(text);
    }

    /** {@code 127.0.0.1:port}, as a scrape target. */
    public String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
