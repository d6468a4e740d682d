package dev.aiops.streaming.websocket;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.platform.events.EventBus;
import dev.aiops.streaming.websocket.ClientMessage.Since;
import dev.aiops.streaming.websocket.EventHistory.Entry;
import dev.aiops.streaming.websocket.EventHistory.Position;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.websocket.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connected clients of this replica and what flows to them.
 *
 * <p>Events take one path whatever their origin: a pub/sub notification or a domain stream entry
 * ({@link DomainStreamRecorder}) is appended to the {@link EventHistory} (once, whichever comes first), and a tail thread per replica reads the
 * history in offset order and queues each event for the matching clients. So live events and recovered
 * ones carry the same offsets, every replica delivers every event to its own clients, and a client can
 * reconnect to any replica. A monitor enforces the clock-driven rules: authentication timeout, token
 * expiry, slow consumers, pings and dead peers.
 */
@Component
class Clients implements SmartLifecycle {

    static final String AUTH_FAILED = "AUTH_FAILED";
    static final String AUTH_EXPIRED = "AUTH_EXPIRED";
    static final String SLOW_CONSUMER = "SLOW_CONSUMER";

    private static final Logger log = LoggerFactory.getLogger(Clients.class);
    private static final int TAIL_BATCH = 1000;
    private static final Duration TAIL_BLOCK = Duration.ofSeconds(1);
    private static final long MONITOR_PERIOD_MILLIS = 100;
    private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Map<String, Client> bySession = new ConcurrentHashMap<>();
    private final JsonMapper json;
    private final EventBus bus;
    private final EventHistory history;
    private final StreamingProperties properties;

    private final Counter eventsReceived;
    private final Counter eventsSent;
    private final Counter drops;
    private final Counter recovered;
    private final Counter notRecovered;
    private final Counter slowClients;
    private final Counter slowDisconnects;
    private final Timer latency;
    private final AtomicLong appendFailures = new AtomicLong();

    // made on every start: a stopped lifecycle can be started again (a paused test context is)
    private volatile ScheduledExecutorService monitor;
    private volatile Thread tail;
    private volatile boolean running;
    private volatile String epoch;
    private volatile long tailOffset;

    Clients(JsonMapper json, EventBus bus, EventHistory history, StreamingProperties properties, MeterRegistry meters) {
        this.json = json;
        this.bus = bus;
        this.history = history;
        this.properties = properties;
        Gauge.builder("aiops.streaming.connections", bySession, Map::size)
                .description("Open sockets on this replica")
                .register(meters);
        Gauge.builder("aiops.streaming.subscriptions", this, Clients::subscribedCount)
                .description("Sockets subscribed to at least one event type")
                .register(meters);
        this.eventsReceived = Counter.builder("aiops.streaming.events.received")
                .description("Events read from the history")
                .register(meters);
        this.eventsSent = Counter.builder("aiops.streaming.events.sent")
                .description("Event messages sent to clients")
                .register(meters);
        this.drops = Counter.builder("aiops.streaming.messages.dropped")
                .description("Messages dropped because a client's queue was full")
                .register(meters);
        this.recovered = Counter.builder("aiops.streaming.recoveries")
                .tag("recovered", "true")
                .register(meters);
        this.notRecovered = Counter.builder("aiops.streaming.recoveries")
                .tag("recovered", "false")
                .register(meters);
        this.slowClients = Counter.builder("aiops.streaming.slow.clients")
                .description("Clients flagged slow")
                .register(meters);
        this.slowDisconnects = Counter.builder("aiops.streaming.slow.disconnects")
                .description("Clients disconnected for staying slow")
                .register(meters);
        this.latency = Timer.builder("aiops.streaming.delivery.latency")
                .description("From the event's timestamp to its message being written to the client")
                .publishPercentileHistogram()
                .register(meters);
    }

    // --- sockets

    Client connected(WebSocketSession session) {
        // bigger client messages close the socket (1009) instead of being read into memory
        session.setTextMessageSizeLimit((int) properties.maxMessageSize().toBytes());
        Session nativeSession = ((NativeWebSocketSession) session).getNativeSession(Session.class);
        Client client = new Client(
                UUID.randomUUID().toString(),
                session,
                nativeSession,
                properties.queueCapacity(),
                new Client.Listener() {
                    @Override
                    public void sent(Client.Outgoing message) {
                        if (message.eventTime() != null) {
                            eventsSent.increment();
                            latency.record(Duration.between(message.eventTime(), Instant.now()));
                        }
                    }

                    @Override
                    public void dropped() {
                        drops.increment();
                    }
                });
        client.nextPingNanos(System.nanoTime() + properties.pingInterval().toNanos());
        bySession.put(session.getId(), client);
        return client;
    }

    Client get(WebSocketSession session) {
        return bySession.get(session.getId());
    }

    void disconnected(WebSocketSession session) {
        bySession.remove(session.getId());
    }

    Collection<Client> all() {
        return bySession.values();
    }

    void send(Client client, ServerMessage message) {
        client.send(write(message));
    }

    /** Sends the error and closes the socket with POLICY_VIOLATION (1008). */
    void reject(Client client, ServerMessage.Error error) {
        client.sendAndClose(write(error), CloseStatus.POLICY_VIOLATION.withReason(error.code()));
    }

    // --- events

    /**
     * A notification from Redis pub/sub: into the history; the tail delivers it. Not waited for: the
     * notifications arrive on one thread, and a round trip per event there capped how many events per
     * second reach the history (and so the clients); pipelined, they keep their order.
     */
    void received(EventEnvelope<JsonNode> event) {
        try {
            history.appendAsync(event.eventId().toString(), bus.toJson(event)).whenComplete((position, e) -> {
                if (e != null) {
                    appendFailed(e);
                }
            });
        } catch (RuntimeException e) {
            appendFailed(e);
        }
    }

    // pub/sub already made this best effort; count it and let the domain stream or another replica win
    private void appendFailed(Throwable e) {
        if (appendFailures.incrementAndGet() % 1000 == 1) {
            log.warn("Appending events to the streaming history fails: {}", e.toString());
        }
    }

    /** Appends the event to the history unless it is there already; throws when Redis refuses. */
    void record(EventEnvelope<JsonNode> event) {
        history.append(event.eventId().toString(), bus.toJson(event));
    }

    /** Publishes an admin broadcast like any other event, so it is recorded and reaches every replica. */
    void broadcast(EventEnvelope<JsonNode> event) {
        bus.notify(event);
    }

    /** Applies a subscribe without {@code since}: the {@code subscribed} answer, then live events only. */
    void subscribe(Client client, Subscription subscription) {
        client.recovering(recovery -> {
            recovery.subscribe(subscription);
            Position position = position();
            recovery.queue(
                    write(new ServerMessage.Subscribed(subscription.view(), position.epoch(), position.offset(), null)),
                    null);
        });
    }

    /**
     * Applies a subscribe with {@code since}: the {@code subscribed} answer, then exactly the missed
     * events that match, all before any live event. On a socket that was already sent events, recovery
     * resumes after the last one it was sent: those before went out under the previous filters, and
     * sending them again would duplicate them or break the offset order.
     */
    void subscribeSince(Client client, Subscription subscription, Since since) {
        client.recovering(recovery -> {
            recovery.subscribe(subscription);
            ServerMessage.SubscriptionView view = subscription.view();
            Position now = history.position();
            boolean sameEpoch = since.epoch() != null && since.epoch().equals(now.epoch());
            List<Entry> missed = List.of();
            boolean ok = sameEpoch && since.offset() >= 0 && since.offset() <= now.offset();
            if (ok && since.offset() < now.offset()) {
                missed = history.after(since.offset(), (int)
                        Math.min(Integer.MAX_VALUE, properties.history().maxLength() * 2));
                // trimmed past the client's position: the first one it needs is gone
                ok = !missed.isEmpty() && missed.get(0).offset() == since.offset() + 1;
            }
            (ok ? recovered : notRecovered).increment();
            recovery.queue(write(new ServerMessage.Subscribed(view, now.epoch(), now.offset(), ok)), null);
            if (!ok) {
                return;
            }
            long alreadyQueued = recovery.queuedUpTo();
            long last = since.offset();
            for (Entry entry : missed) {
                EventEnvelope<JsonNode> event = bus.fromJson(entry.envelopeJson());
                if (entry.offset() > alreadyQueued && subscription.matches(event)) {
                    recovery.queue(eventMessage(event, entry.offset(), now.epoch()), event.timestamp());
                }
                last = entry.offset();
            }
            recovery.coveredUpTo(last);
        });
    }

    Position position() {
        return new Position(epoch, tailOffset);
    }

    private void fanOut(Entry entry, String currentEpoch) {
        eventsReceived.increment();
        EventEnvelope<JsonNode> event;
        try {
            event = bus.fromJson(entry.envelopeJson());
        } catch (RuntimeException e) {
            log.warn("History entry {} is not an event envelope, skipped: {}", entry.offset(), e.toString());
            return;
        }
        String text = null;
        for (Client client : bySession.values()) {
            if (client.isAuthenticated() && client.subscription().matches(event)) {
                if (text == null) {
                    text = eventMessage(event, entry.offset(), currentEpoch);
                }
                client.deliver(entry.offset(), text, event.timestamp());
            }
        }
    }

    private void tailLoop() {
        boolean started = false;
        while (running) {
            try {
                String current = history.epoch();
                if (!started) {
                    // live from here on: clients that want older events ask with since. No epoch yet means
                    // no history yet, so the first event (offset 1) is live too.
                    tailOffset = current == null ? 0 : history.position().offset();
                    epoch = current;
                    started = true;
                } else if (!Objects.equals(current, epoch)) {
                    if (epoch != null) {
                        log.warn("Streaming history epoch changed from {} to {}: Redis lost it", epoch, current);
                        // offsets start again: let the new ones through to every client
                        tailOffset = 0;
                    }
                    // from none to one: the history was just created and its first offsets are still to
                    // deliver, so the position stays where it is (jumping to the head lost them)
                    epoch = current;
                }
                List<Entry> batch = history.await(tailOffset, TAIL_BLOCK, TAIL_BATCH);
                if (!batch.isEmpty() && epoch == null) {
                    // the first events ever created the epoch while we waited: send them with it
                    epoch = history.epoch();
                }
                for (Entry entry : batch) {
                    fanOut(entry, epoch);
                    tailOffset = entry.offset();
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Reading the streaming history failed, retrying: {}", e.toString());
                try {
                    TimeUnit.SECONDS.sleep(1);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // --- clock-driven rules

    private void monitor() {
        long now = System.nanoTime();
        Instant wallNow = Instant.now();
        for (Client client : bySession.values()) {
            try {
                check(client, now, wallNow);
            } catch (RuntimeException e) {
                log.debug("Checking client {} failed: {}", client.id(), e.toString());
            }
        }
    }

    private void check(Client client, long now, Instant wallNow) {
        if (client.closeOverdue(now, CLOSE_GRACE_NANOS)) {
            client.close(CloseStatus.POLICY_VIOLATION);
            return;
        }
        if (!client.isAuthenticated()) {
            if (now - client.connectedNanos() > properties.authTimeout().toNanos()) {
                reject(
                        client,
                        new ServerMessage.Error(
                                AUTH_FAILED,
                                "Not authenticated within "
                                        + properties.authTimeout().toSeconds() + " s"));
            }
            return;
        }
        if (client.expiresAt() != null && wallNow.isAfter(client.expiresAt())) {
            client.sendAndClose(
                    write(new ServerMessage.Error(AUTH_EXPIRED, "The token expired; reconnect with a fresh one")),
                    CloseStatus.POLICY_VIOLATION.withReason(AUTH_EXPIRED));
            return;
        }
        long behind = client.behindNanos(now);
        if (behind > properties.slowAfter().toNanos()) {
            if (client.slowSinceNanos() == 0) {
                client.slowSince(now);
                slowClients.increment();
            } else if (now - client.slowSinceNanos()
                    > properties.disconnectSlowAfter().toNanos()) {
                slowDisconnects.increment();
                client.sendAndClose(
                        write(new ServerMessage.Disconnect(
                                SLOW_CONSUMER, properties.reconnectAfter().toMillis())),
                        new CloseStatus(1013, SLOW_CONSUMER));
                return;
            }
        } else {
            client.slowSince(0);
        }
        if (now - client.lastHeardNanos()
                > properties.pingInterval().toNanos() + properties.pongTimeout().toNanos()) {
            log.debug("Client {} stopped answering pings; closing", client.id());
            client.close(CloseStatus.SESSION_NOT_RELIABLE);
            return;
        }
        if (now >= client.nextPingNanos()) {
            client.nextPingNanos(now + properties.pingInterval().toNanos());
            client.ping();
        }
    }

    // --- views

    StreamingStats stats() {
        Collection<Client> clients = bySession.values();
        return new StreamingStats(
                clients.size(),
                clients.stream().filter(Client::isAuthenticated).count(),
                subscribedCount(),
                (long) eventsReceived.count(),
                (long) eventsSent.count(),
                (long) drops.count(),
                (long) recovered.count(),
                (long) notRecovered.count(),
                clients.stream().filter(c -> c.slowSinceNanos() != 0).count(),
                (long) slowDisconnects.count(),
                epoch,
                tailOffset);
    }

    private long subscribedCount() {
        return bySession.values().stream()
                .filter(c -> c.subscription().isActive())
                .count();
    }

    private String eventMessage(EventEnvelope<JsonNode> event, long offset, String currentEpoch) {
        JsonNode payload = event.payload();
        JsonNode clusterName = payload == null ? null : payload.get("cluster_name");
        return write(new ServerMessage.Event(
                event.eventId(),
                event.eventType(),
                event.clusterId(),
                clusterName != null && clusterName.isString() ? clusterName.asString() : null,
                event.timestamp(),
                offset,
                currentEpoch,
                payload));
    }

    private String write(ServerMessage message) {
        return json.writerFor(ServerMessage.class).writeValueAsString(message);
    }

    // --- lifecycle

    @Override
    public void start() {
        running = true;
        tail = daemon(this::tailLoop, "streaming-history-tail");
        tail.start();
        monitor = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "streaming-monitor"));
        monitor.scheduleAtFixedRate(this::monitor, MONITOR_PERIOD_MILLIS, MONITOR_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService scheduled = monitor;
        if (scheduled != null) {
            scheduled.shutdownNow();
        }
        Thread current = tail;
        if (current != null) {
            current.interrupt();
        }
        for (Client client : bySession.values()) {
            client.sendAndClose(
                    write(new ServerMessage.Disconnect(
                            "SHUTDOWN", properties.reconnectAfter().toMillis())),
                    CloseStatus.GOING_AWAY);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
