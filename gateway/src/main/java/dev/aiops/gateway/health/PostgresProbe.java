package dev.aiops.gateway.health;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Is the platform's PostgreSQL answering? The gateway has no database driver and needs none for this:
 * it opens a connection and sends the protocol's SSLRequest, which every PostgreSQL server answers with
 * one byte ('S' or 'N') before any authentication. A refused, silent or non-PostgreSQL peer is DOWN.
 * The services report their own connection pools in their health; this says whether the server is up.
 */
final class PostgresProbe {

    /** SSLRequest: length 8, then the magic code 80877103 (PostgreSQL protocol, "SSL Session Encryption"). */
    private static final int SSL_REQUEST_CODE = 80877103;

    private final String host;
    private final int port;
    private final Duration timeout;

    private PostgresProbe(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    /** From a {@code jdbc:postgresql://host[:port]/db} URL; null when there is none to check. */
    static PostgresProbe of(String jdbcUrl, Duration timeout) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            return null;
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            return null;
        }
        return new PostgresProbe(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, timeout);
    }

    Mono<Boolean> check() {
        return Mono.fromCallable(this::probe)
                // blocking socket I/O, bounded by the timeout: never on an event loop
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(timeout.plusMillis(200))
                .onErrorReturn(false);
    }

    private boolean probe() throws IOException {
        int millis = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(SSL_REQUEST_CODE);
            out.flush();
            int answer = new DataInputStream(socket.getInputStream()).read();
            return answer == 'S' || answer == 'N';
        }
    }
}
