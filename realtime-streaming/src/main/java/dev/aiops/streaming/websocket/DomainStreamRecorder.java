package dev.aiops.streaming.websocket;

import dev.aiops.model.event.EventDomain;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.StreamSubscription;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * Records every domain stream ({@code aiops:stream:*}) into the history through one consumer group for
 * all replicas of that history (the group is named after the history's key), beside the pub/sub
 * notifications.
 *
 * <p>Pub/sub alone loses what is published while no replica is subscribed (all of them restarting, or a
 * Redis reconnect). The streams keep it, and the group remembers how far the replicas got, so a replica
 * starting again first records what it missed. Each entry goes to one replica of the group: the history
 * is shared, and every replica's tail delivers from it. The history appends an event id once, so an
 * event seen both ways is recorded once. Events older than the history's {@code max-age} are not
 * recorded: the history would drop them at once, and they would reach live clients as if new.
 */
class DomainStreamRecorder implements SmartLifecycle {

    private final List<StreamSubscription> subscriptions;

    DomainStreamRecorder(EventStreams streams, Clients clients, StreamingProperties.History history, Clock clock) {
        Duration maxAge = history.maxAge();
        this.subscriptions = Arrays.stream(EventDomain.values())
                .map(domain -> streams.subscribe(domain, history.key(), event -> {
                    if (isRecent(event, maxAge, clock)) {
                        clients.record(event);
                    }
                }))
                .toList();
    }

    private static boolean isRecent(EventEnvelope<JsonNode> event, Duration maxAge, Clock clock) {
        return event.timestamp().isAfter(clock.instant().minus(maxAge));
    }

    @Override
    public void start() {
        subscriptions.forEach(StreamSubscription::start);
    }

    @Override
    public void stop() {
        StreamSubscription.stopAll(subscriptions);
    }

    @Override
    public boolean isRunning() {
        return subscriptions.stream().anyMatch(StreamSubscription::isRunning);
    }
}
