package dev.aiops.streaming.websocket;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * One socket: who it is, what it wants, and what is waiting to be sent to it.
 *
 * <p>Sending is asynchronous with at most one message in flight, so no thread ever waits for a slow
 * peer (5,000 sockets would need 5,000 threads otherwise), and messages keep their order. Live messages
 * wait in a bounded queue that drops its oldest when full; recovered events wait in a queue of their
 * own that is not bounded that way, because recovery promises exactly the missed events.
 */
final class Client {

    private static final Logger log = LoggerFactory.getLogger(Client.class);

    /** A message to send; {@code eventTime} (events only) is for the publish-to-send latency. */
    record Outgoing(String text, long enqueuedNanos, Instant eventTime, CloseStatus closeWith) {}

    interface Listener {
        void sent(Outgoing message);

        void dropped();
    }

    private final String id;
    private final WebSocketSession session;
    private final Session nativeSession;
    private final Instant connectedAt = Instant.now();
    private final long connectedNanos = System.nanoTime();
    private final int capacity;
    private final Listener listener;

    private final Object lock = new Object();
    private final Deque<Outgoing> recovered = new ArrayDeque<>();
    private final Deque<Outgoing> live = new ArrayDeque<>();
    private boolean sending;
    private long sendingSinceNanos;
    private long lastOffset;
    private long dropped;
    private boolean closing;
    private long closingSinceNanos;

    private volatile String user;
    private volatile Instant expiresAt;
    private volatile Subscription subscription = Subscription.NONE;
    private volatile long lastHeardNanos = System.nanoTime();
    private volatile long slowSinceNanos;
    private volatile long nextPingNanos;

    Client(String id, WebSocketSession session, Session nativeSession, int capacity, Listener listener) {
        this.id = id;
        this.session = session;
        this.nativeSession = nativeSession;
        this.capacity = capacity;
        this.listener = listener;
    }

    String id() {
        return id;
    }

    WebSocketSession session() {
        return session;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    long connectedNanos() {
        return connectedNanos;
    }

    boolean isAuthenticated() {
        return user != null;
    }

    String user() {
        return user;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    void authenticated(String user, Instant expiresAt) {
        this.user = user;
        this.expiresAt = expiresAt;
    }

    Subscription subscription() {
        return subscription;
    }

    void subscription(Subscription subscription) {
        this.subscription = subscription;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    long slowSinceNanos() {
        return slowSinceNanos;
    }

    void slowSince(long nanos) {
        slowSinceNanos = nanos;
    }

    long nextPingNanos() {
        return nextPingNanos;
    }

    void nextPingNanos(long nanos) {
        nextPingNanos = nanos;
    }

    long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    int queued() {
        synchronized (lock) {
            return recovered.size() + live.size();
        }
    }

    /** A reply to the client's own message, or any other message that is not an event. */
    void send(String text) {
        enqueue(new Outgoing(text, System.nanoTime(), null, null));
    }

    /** Sends {@code text} and then closes the socket; whatever was waiting is dropped. */
    void sendAndClose(String text, CloseStatus status) {
        Outgoing last = new Outgoing(text, System.nanoTime(), null, status);
        synchronized (lock) {
            if (closing) {
                return;
            }
            recovered.clear();
            live.clear();
            live.add(last);
            closing = true;
            closingSinceNanos = System.nanoTime();
        }
        sendNext(false);
    }

    /**
     * A live event, unless the client already has it (its offset is not beyond the last one queued,
     * which happens right after a recovery that read past it).
     */
    void deliver(long offset, String text, Instant eventTime) {
        synchronized (lock) {
            if (offset <= lastOffset || closing) {
                return;
            }
            lastOffset = offset;
        }
        enqueue(new Outgoing(text, System.nanoTime(), eventTime, null));
    }

    /**
     * Runs {@code recovery} while no live event can be queued for this client, so that whatever it
     * queues comes before them and the live ones it already covered are skipped. What was already queued
     * (live events the server took before this subscribe was read) stays ahead of it, so a re-subscribe
     * on a busy socket keeps the offsets in order.
     */
    void recovering(Consumer<Recovery> recovery) {
        synchronized (lock) {
            recovered.addAll(live);
            live.clear();
            recovery.accept(new Recovery());
        }
        sendNext(false);
    }

    /** Queues for a recovery; only inside {@link #recovering}. */
    final class Recovery {

        /**
         * Applies the new subscription under the queue's lock: set before, the tail could queue a live
         * event for it ahead of the recovered ones (out of order, then sent twice).
         */
        void subscribe(Subscription next) {
            subscription = next;
        }

        /** The offset of the last event already queued or sent to this client (0 if none). */
        long queuedUpTo() {
            return lastOffset;
        }

        void queue(String text, Instant eventTime) {
            recovered.add(new Outgoing(text, System.nanoTime(), eventTime, null));
        }

        void coveredUpTo(long offset) {
            lastOffset = Math.max(lastOffset, offset);
        }
    }

    /** How long the oldest unsent message has waited (or the one in flight), 0 if none. */
    long behindNanos(long now) {
        synchronized (lock) {
            long oldest = Long.MAX_VALUE;
            if (sending) {
                oldest = sendingSinceNanos;
            }
            Outgoing head = recovered.isEmpty() ? live.peekFirst() : recovered.peekFirst();
            if (head != null) {
                oldest = Math.min(oldest, head.enqueuedNanos());
            }
            return oldest == Long.MAX_VALUE ? 0 : now - oldest;
        }
    }

    /** True once {@link #sendAndClose} has waited longer than {@code graceNanos} for its message to go. */
    boolean closeOverdue(long now, long graceNanos) {
        synchronized (lock) {
            return closing && now - closingSinceNanos > graceNanos;
        }
    }

    void ping() {
        try {
            nativeSession.getAsyncRemote().sendPing(java.nio.ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            log.debug("Ping to client {} failed: {}", id, e.toString());
        }
    }

    void close(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Closing client {} failed: {}", id, e.toString());
        }
    }

    private void enqueue(Outgoing message) {
        boolean droppedOne = false;
        synchronized (lock) {
            if (closing) {
                return;
            }
            if (live.size() >= capacity) {
                live.pollFirst();
                dropped++;
                droppedOne = true;
            }
            live.add(message);
        }
        if (droppedOne) {
            listener.dropped();
        }
        sendNext(false);
    }

    /** Starts the next send unless one is in flight; {@code finished} when called on a completed send. */
    private void sendNext(boolean finished) {
        Outgoing next;
        synchronized (lock) {
            if (finished) {
                sending = false;
            }
            if (sending || !session.isOpen()) {
                return;
            }
            next = recovered.isEmpty() ? live.pollFirst() : recovered.pollFirst();
            if (next == null) {
                return;
            }
            sending = true;
            sendingSinceNanos = System.nanoTime();
        }
        Outgoing message = next;
        try {
            nativeSession.getAsyncRemote().sendText(message.text(), result -> completed(message, result));
        } catch (RuntimeException e) {
            log.debug("Sending to client {} failed: {}", id, e.toString());
            close(CloseStatus.SERVER_ERROR);
        }
    }

    private void completed(Outgoing message, SendResult result) {
        if (!result.isOK()) {
            log.debug("Sending to client {} failed: {}", id, String.valueOf(result.getException()));
            close(CloseStatus.SESSION_NOT_RELIABLE);
            return;
        }
        listener.sent(message);
        if (message.closeWith() != null) {
            close(message.closeWith());
            return;
        }
        sendNext(true);
    }
}
