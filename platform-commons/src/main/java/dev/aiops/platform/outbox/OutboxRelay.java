package dev.aiops.platform.outbox;

import dev.aiops.model.event.EventDomain;
import dev.aiops.platform.events.EventBus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
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
            while (relayBatch() == properties.batchSize()) {
                // a full batch means there is probably more waiting
            }
            cleanUpNowAndThen();
        } catch (RuntimeException e) {
            log.warn("Outbox relay run failed: {}", e.toString());
        }
    }

    /**
     * Publishes up to one batch. Returns the number of rows published; 0 when another relay holds the
     * lock, nothing is waiting, or Redis refused the first event.
     */
    public int relayBatch() {
        Integer count = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject(
                    "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox_event'))", Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            List<Row> rows = jdbc.query(
                    "select id, event_id, event_type, domain, envelope, trace_context from outbox_event"
                            + " where published_at is null order by id limit ?",
                    (rs, i) -> new Row(
                            rs.getLong("id"),
                            rs.getString("event_id"),
                            rs.getString("event_type"),
                            EventDomain.valueOf(rs.getString("domain")),
                            rs.getString("envelope"),
                            Outbox.readTraceContext(rs.getString("trace_context"))),
                    properties.batchSize());
            try {
                bus.publishAllJson(rows.stream()
                        .map(row -> new EventBus.SerializedEvent(
                                row.domain(), row.eventId(), row.eventType(), row.envelope(), row.traceContext()))
                        .toList());
            } catch (RuntimeException e) {
                // none counts as published: the whole batch goes out again, in order, next time
                failures.increment();
                log.warn("Outbox: publishing a batch of {} failed, will retry: {}", rows.size(), e.toString());
                return 0;
            }
            List<Long> done = rows.stream().map(Row::id).toList();
            if (!done.isEmpty()) {
                jdbc.update("update outbox_event set published_at = now() where id = any(?)", (Object)
                        done.toArray(Long[]::new));
                published.increment(done.size());
            }
            return done.size();
        });
        return count == null ? 0 : count;
    }

    /** Number of events not yet published (for health and tests). */
    public long pending() {
        Long n = jdbc.queryForObject("select count(*) from outbox_event where published_at is null", Long.class);
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

    private record Row(
            long id,
            String eventId,
            String eventType,
            EventDomain domain,
            String envelope,
            Map<String, String> traceContext) {}
}
