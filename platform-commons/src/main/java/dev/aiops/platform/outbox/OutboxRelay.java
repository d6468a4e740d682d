package dev.aiops.platform.outbox;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Array;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Redis, oldest first, and marks them published.
 *
 * <p>Only one relay per schema works at a time (a transaction-scoped advisory lock), and a batch goes out
 * in one pipelined round trip, in order; if any of it fails the whole batch is sent again, so events leave
 * in commit order and one aggregate's events are never reordered. Delivery is at least once: a batch that
 * failed part way, or whose mark failed after the publish, goes out again and consumers drop the duplicates
 * by {@code event_id}. While Redis is down rows simply wait.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventBus bus;
    private final OutboxProperties properties;
    private final Counter published;
    private final Counter failures;
    private final AtomicBoolean wakeUpPending = new AtomicBoolean();
    private ScheduledExecutorService executor;
    private long lastCleanup;

    public OutboxRelay(
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            EventBus bus,
            OutboxProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.bus = bus;
        this.properties = properties;
        this.published = Counter.builder("aiops.outbox.published").register(meters);
        this.failures = Counter.builder("aiops.outbox.publish.failures").register(meters);
        // Committed changes whose events have not reached Redis yet; grows while Redis is away.
        Gauge.builder("aiops.outbox.pending", this, OutboxRelay::pending)
                .description("Events written to the outbox and not yet published")
                .register(meters);
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::runSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Asks for a relay run soon, coalescing bursts of commits into one run. */
    void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && wakeUpPending.compareAndSet(false, true)) {
            current.execute(() -> {
                wakeUpPending.set(false);
                runSafely();
            });
        }
    }

    private void runSafely() {
        try {
            while (relayBatch() >= properties.batchSize()) {
                // a full batch means there is probably more waiting
            }
            cleanUpNowAndThen();
        } catch (RuntimeException e) {
            log.warn("Outbox relay run failed: {}", e.toString());
        }
    }

    /**
     * Publishes up to one batch: up to {@code batchSize} rows, fewer when rows carrying several events
     * ({@link Outbox#addBatch}) reach {@code batchSize} events first. Returns the number of events published;
     * 0 when another relay holds the lock, nothing is waiting, or Redis refused the first event.
     */
    public int relayBatch() {
        Integer count = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject(
                    "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_event'))", Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Long> done = new ArrayList<>();
            List<EventBus.SerializedEvent> events = new ArrayList<>();
            // rows in id order until batchSize events; the first row always (it starts at 0), however many it carries
            jdbc.query(
                    """
                    select id, event_id, event_type, domain, envelope, trace_context, batch_event_ids from (
                        select *, sum(coalesce(cardinality(batch_event_ids), 1)) over (order by id) as upto
                        from outbox_event where published_at is null order by id limit ?) waiting
                    where upto - coalesce(cardinality(batch_event_ids), 1) < ?
                    order by id
                    """,
                    (ResultSet rs) -> {
                        done.add(rs.getLong("id"));
                        EventDomain domain = EventDomain.valueOf(rs.getString("domain"));
                        String eventType = rs.getString("event_type");
                        String envelope = rs.getString("envelope");
                        Map<String, String> traceContext = Outbox.readTraceContext(rs.getString("trace_context"));
                        Array batch = rs.getArray("batch_event_ids");
                        if (batch == null) {
                            events.add(new EventBus.SerializedEvent(
                                    domain, rs.getString("event_id"), eventType, envelope, traceContext));
                            return;
                        }
                        // the envelopes of a batch row, one per line, in the order of their ids
                        Object[] ids = (Object[]) batch.getArray();
                        int from = 0;
                        for (int i = 0; i < ids.length; i++) {
                            int to = i == ids.length - 1
                                    ? envelope.length()
                                    : envelope.indexOf(Outbox.BATCH_SEPARATOR, from);
                            events.add(new EventBus.SerializedEvent(
                                    domain, ids[i].toString(), eventType, envelope.substring(from, to), traceContext));
                            from = to + 1;
                        }
                    },
                    properties.batchSize(),
                    properties.batchSize());
            try {
                bus.publishAllJson(events);
            } catch (RuntimeException e) {
                // none counts as published: the whole batch goes out again, in order, next time
                failures.increment();
                log.warn("Outbox: publishing a batch of {} failed, will retry: {}", events.size(), e.toString());
                return 0;
            }
            if (!done.isEmpty()) {
                jdbc.update("update outbox_event set published_at = now() where id = any(?)", (Object)
                        done.toArray(Long[]::new));
                published.increment(events.size());
            }
            return events.size();
        });
        return count == null ? 0 : count;
    }

    /** Number of events not yet published (for health and tests). */
    public long pending() {
        Long n = jdbc.queryForObject(
                "select coalesce(sum(coalesce(cardinality(batch_event_ids), 1)), 0) from outbox_event"
                        + " where published_at is null",
                Long.class);
        return n == null ? 0 : n;
    }

    private void cleanUpNowAndThen() {
        long now = System.currentTimeMillis();
        if (now - lastCleanup < Duration.ofMinutes(10).toMillis()) {
            return;
        }
        lastCleanup = now;
        long seconds = properties.retention().toSeconds();
        jdbc.update("delete from outbox_event where published_at < now() - make_interval(secs => ?)", seconds);
        jdbc.update(
                "delete from processed_event where processed_at < now() - make_interval(secs => ?)",
                properties.processedRetention().toSeconds());
    }
}
