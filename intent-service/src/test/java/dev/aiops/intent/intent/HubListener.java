package dev.aiops.intent.intent;

import com.sun.net.httpserver.HttpServer;
import dev.aiops.testkit.ServiceJarServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TMF921 hub listener as a client of ours runs it: a real HTTP server (the JDK's) on a loopback port fixed
 * up front, so it can be down when a notification is due and come up later at the same callback URL. It
 * answers 201 ("Notified", as the Swagger's listeners do) and records what it received; it can hold its
 * first request until released, to catch the service mid-delivery.
 */
final class HubListener implements AutoCloseable {

    /** One notification received: the path it was POSTed to and its body. */
    record Received(String path, String body) {}

    private final int port = ServiceJarServer.freePort();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holdFirst;
    private HttpServer server;
    private ExecutorService executor;

    /** The callback URL to register: a base path below which the listener paths are served. */
    String callback() {
        return "http://127.0.0.1:" + port + "/tmf-listener";
    }

    /** The first request waits (unanswered) until {@link #releaseHeld()}. */
    HubListener holdingTheFirstRequest() {
        holdFirst = true;
        return this;
    }

    void releaseHeld() {
        release.countDown();
    }

    synchronized HubListener up() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/tmf-listener/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestURI().getPath(), body));
                if (holdFirst && requests.getAndIncrement() == 0) {
                    release.await(2, TimeUnit.MINUTES);
                }
                exchange.sendResponseHeaders(201, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException callerWentAway) {
                // the service cancelled the call: it must send it again
            }
        });
        // one thread per request: a held request must not stop the next one from being received
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
        return this;
    }

    /** Everything received so far, oldest first (a held request is in it from its arrival). */
    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public synchronized void close() {
        release.countDown();
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }
}
