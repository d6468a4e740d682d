package dev.aiops.platform.test;

import static org.awaitility.Awaitility.await;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventStreams;
import dev.aiops.platform.events.StreamSubscription;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a Redis outage suite checks about a service's events: which are waiting in its outbox, how often each
 * reached the domain stream, and how often a consumer behind the platform's processed-event ledger acted on
 * each. Counts only, never times; the caller asserts on them. For outbox rows of one event each (a batch row
 * carries its events' ids elsewhere).
 */
public final class OutboxStreamProbe {

    private final JdbcTemplate jdbc;
    private final StringRedisTemplate redis;
    private final EventDomain domain;

    public OutboxStreamProbe(JdbcTemplate jdbc, StringRedisTemplate redis, EventDomain domain) {
        this.jdbc = jdbc;
        this.redis = redis;
        this.domain = domain;
    }

    /** The ids of the outbox events about these aggregates, oldest first. */
    public List<UUID> events(Collection<String> aggregateIds) {
        return jdbc.queryForList(
                "select event_id from outbox_event where domain = ? and aggregate_id = any(?) order by id",
                UUID.class,
                domain.name(),
                aggregateIds.toArray(String[]::new));
    }

    /** How many of these events still wait in the outbox. */
    public long unpublished(Collection<UUID> events) {
        return jdbc.queryForObject(
                "select count(*) from outbox_event where published_at is null and event_id = any(?)",
                Long.class,
                (Object) events.toArray(UUID[]::new));
    }

    /** Entries on the domain stream per event id, for these events. */
    public Map<UUID, Long> entriesOnTheStream(Collection<UUID> events) {
        return redis.opsForStream().range(domain.stream(), Range.unbounded()).stream()
                .map(entry -> UUID.fromString(entry.getValue().get("event_id").toString()))
                .filter(events::contains)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /**
     * Runs a consumer of its own group behind the service's ledger over the whole stream until it has acted on
     * every one of these events and has nothing pending, and answers how often it acted on each.
     */
    public Map<UUID, Integer> effectsOfALedgerConsumer(
            EventStreams streams, Collection<UUID> events, Duration patience) {
        Map<UUID, AtomicInteger> effects = new ConcurrentHashMap<>();
        StreamSubscription consumer = streams.subscribe(domain, "faults-probe", event -> {
            if (events.contains(event.eventId())) {
                effects.computeIfAbsent(event.eventId(), id -> new AtomicInteger())
                        .incrementAndGet();
            }
        });
        consumer.start();
        try {
            await().atMost(patience).until(() -> effects.size() == events.size());
            await().atMost(patience).until(() -> consumer.pendingCount() == 0);
        } finally {
            consumer.stop();
        }
        return effects.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** Batches the service's outbox relay gave up on (Redis refused or did not answer in time). */
    public static double relayFailures(MeterRegistry meters) {
        return meters.get("aiops.outbox.publish.failures").counter().count();
    }
}
