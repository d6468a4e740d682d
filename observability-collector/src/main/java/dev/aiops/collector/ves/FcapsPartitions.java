package dev.aiops.collector.ves;

import dev.aiops.collector.config.CollectorProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily partitions of {@code fcaps_event}: the days of the retention period and two days ahead exist,
 * older ones are dropped (retention costs a DROP TABLE, not a DELETE of millions of rows), and the
 * idempotency keys of dropped days are forgotten. Runs once before the web server opens (lifecycle
 * phase below it) and then every {@code maintenance-interval}; concurrent replicas serialize on an
 * advisory lock.
 */
@Component
class FcapsPartitions implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FcapsPartitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final String PREFIX = "fcaps_event_p";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int retentionDays;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean running;

    FcapsPartitions(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, CollectorProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.retentionDays = (int) Math.max(1, properties.ves().retention().toDays());
    }

    @Override
    public void start() {
        maintain();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0; // before the web server (which starts in the last phases)
    }

    @Scheduled(
            fixedDelayString = "${aiops.collector.ves.maintenance-interval:1h}",
            initialDelayString = "${aiops.collector.ves.maintenance-interval:1h}")
    void scheduled() {
        try {
            maintain();
        } catch (RuntimeException e) {
            log.warn("FCAPS partition maintenance failed, retrying at the next run: {}", e.toString());
        }
    }

    void maintain() {
        LocalDate today = LocalDate.now(clock);
        transactions.executeWithoutResult(status -> {
            jdbc.queryForObject(
                    "select pg_advisory_xact_lock(hashtext(current_schema() || '.fcaps_event'))", Object.class);
            for (LocalDate day = today.minusDays(retentionDays);
                    !day.isAfter(today.plusDays(2));
                    day = day.plusDays(1)) {
                jdbc.execute("create table if not exists " + PREFIX + day.format(SUFFIX)
                        + " partition of fcaps_event for values from ('" + day + "T00:00:00Z') to ('"
                        + day.plusDays(1) + "T00:00:00Z')");
            }
            LocalDate oldest = today.minusDays(retentionDays);
            List<String> partitions = jdbc.queryForList("""
                    select c.relname from pg_inherits i
                    join pg_class c on c.oid = i.inhrelid
                    join pg_class p on p.oid = i.inhparent
                    join pg_namespace n on n.oid = p.relnamespace
                    where p.relname = 'fcaps_event' and n.nspname = current_schema()
                    """, String.class);
            for (String partition : partitions) {
                if (partition.startsWith(PREFIX)
                        && LocalDate.parse(partition.substring(PREFIX.length()), SUFFIX)
                                .isBefore(oldest)) {
                    jdbc.execute("drop table " + partition);
                }
            }
            jdbc.update(
                    "delete from fcaps_event_key where received_at < ?",
                    Timestamp.from(oldest.atStartOfDay(ZoneOffset.UTC).toInstant()));
        });
    }
}
