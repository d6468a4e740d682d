package dev.aiops.collector.kpm;

import dev.aiops.collector.config.CollectorProperties;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.KpmReport;
import dev.aiops.platform.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * E2 KPM aggregation in 30 s windows per (node, cell). Reports are kept as samples in PostgreSQL, so
 * that the reports of one window reaching different replicas end in the same window. A window closes 30 s
 * after its start: one replica at a time (advisory lock) aggregates it, stores the window (its primary key
 * makes the close happen once) and streams it as KPM_REPORT through the outbox, with an event id derived
 * from node, cell and window start. Reports older than 90 s are dropped at the door, and a window that
 * could only be closed after its data became stale (collector down) is stored but never streamed.
 */
@Service
class KpmService {

    private static final Logger log = LoggerFactory.getLogger(KpmService.class);
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final String SOURCE = "observability-collector";
    private static final TypeReference<Map<String, Double>> COUNTERS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Duration gaugeTtl;
    private final Clock clock;
    private final MultiGauge latency;
    private final MultiGauge prb;
    private final MultiGauge ues;

    KpmService(
            JdbcTemplate jdbc,
            Outbox outbox,
            JsonMapper json,
            TransactionTemplate transactions,
            CollectorProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.transactions = transactions;
        this.gaugeTtl = properties.kpm().gaugeTtl();
        this.clock = Clock.systemUTC();
        this.latency = MultiGauge.builder("e2.kpm.p95.latency.ms")
                .description("p95 DRB.RlcSduDelayDl of the last closed 30 s window, ms")
                .register(meters);
        this.prb = MultiGauge.builder("e2.kpm.prb.utilization")
                .description("Mean PRB utilization (0..1) of the last closed 30 s window")
                .register(meters);
        this.ues = MultiGauge.builder("e2.kpm.ue.count")
                .description("Mean RRC connections of the last closed 30 s window")
                .register(meters);
    }

    static Instant windowStart(Instant timestamp) {
        long size = WINDOW.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(timestamp.toEpochMilli(), size) * size);
    }

    @Transactional
    KpmIngestResponse ingest(List<KpmReportRequest> reports) {
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        int stale = 0;
        int late = 0;
        for (KpmReportRequest report : reports) {
            Instant start = windowStart(report.timestamp());
            if (report.timestamp().plus(KpmReport.STALE_AFTER).isBefore(now)) {
                stale++;
            } else if (!start.plus(WINDOW).isAfter(now)) {
                late++; // its window has closed: adding to it would change a window already streamed
            } else {
                Map<String, Double> m = report.measurements();
                rows.add(new Object[] {
                    report.nodeId(),
                    report.cellId(),
                    Timestamp.from(start),
                    Timestamp.from(report.timestamp()),
                    KpmMapping.latencyMs(m),
                    KpmMapping.prbUtilization(m),
                    KpmMapping.ueCount(m),
                    json.writeValueAsString(m)
                });
            }
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into kpm_sample (node_id, cell_id, window_start, reported_at, latency_ms, prb_utilization,"
                            + " ue_count, counters) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
                    rows);
        }
        return new KpmIngestResponse(rows.size(), stale, late);
    }

    @Scheduled(fixedDelayString = "${aiops.collector.kpm.close-interval:1s}")
    void scheduledClose() {
        try {
            closeWindows();
            refreshGauges();
        } catch (RuntimeException e) {
            log.warn("Closing KPM windows failed, retrying at the next run: {}", e.toString());
        }
    }

    /** Closes every window whose 30 s have passed; returns how many were streamed. */
    int closeWindows() {
        Integer streamed = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject(
                    "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.kpm_window'))", Boolean.class);
            if (!Boolean.TRUE.equals(locked)) {
                return 0;
            }
            Instant now = clock.instant();
            Timestamp cutoff = Timestamp.from(now.minus(WINDOW)); // windows that started before this have ended
            List<Window> windows = jdbc.query(
                    """
                    select node_id, cell_id, window_start, count(*) as samples,
                           percentile_cont(0.95) within group (order by latency_ms) as p95,
                           avg(prb_utilization) as prb, avg(ue_count) as ues,
                           (select coalesce(jsonb_object_agg(k, v), '{}'::jsonb) from (
                                select c.key as k, avg(c.value::float8) as v
                                from kpm_sample s2, jsonb_each_text(s2.counters) c
                                where s2.node_id = s.node_id and s2.cell_id = s.cell_id
                                  and s2.window_start = s.window_start
                                group by c.key) agg) as counters
                    from kpm_sample s
                    where window_start <= ?
                    group by node_id, cell_id, window_start
                    """,
                    (rs, i) -> new Window(
                            rs.getString("node_id"),
                            rs.getString("cell_id"),
                            rs.getTimestamp("window_start").toInstant(),
                            rs.getInt("samples"),
                            (Double) rs.getObject("p95"),
                            (Double) rs.getObject("prb"),
                            rs.getObject("ues") == null ? null : (int) Math.round(rs.getDouble("ues")),
                            json.readValue(rs.getString("counters"), COUNTERS)),
                    cutoff);
            List<EventEnvelope<KpmReport>> events = new ArrayList<>();
            for (Window w : windows) {
                Instant end = w.start().plus(WINDOW);
                KpmReport report = new KpmReport(w.nodeId(), w.cellId(), end, w.p95(), w.prb(), w.ues(), w.counters());
                boolean fresh = !report.staleAt(now);
                int inserted = jdbc.update(
                        """
                        insert into kpm_window (node_id, cell_id, window_start, window_end, samples, p95_latency_ms,
                                                prb_utilization, ue_count, counters, emitted)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict do nothing
                        """,
                        w.nodeId(),
                        w.cellId(),
                        Timestamp.from(w.start()),
                        Timestamp.from(end),
                        w.samples(),
                        w.p95(),
                        w.prb(),
                        w.ues(),
                        json.writeValueAsString(w.counters()),
                        fresh);
                if (inserted == 1 && fresh) {
                    events.add(new EventEnvelope<>(
                            // random (v4), as the contract says: the kpm_window key lets one window be inserted,
                            // hence streamed, once; redeliveries of its outbox row carry this same id
                            UUID.randomUUID(), EventType.KPM_REPORT, SOURCE, null, now, null, report));
                }
            }
            jdbc.update("delete from kpm_sample where window_start <= ?", cutoff);
            outbox.addAll(
                    events,
                    e -> truncate(e.payload().nodeId() + "/" + e.payload().cellId()));
            return events.size();
        });
        return streamed == null ? 0 : streamed;
    }

    /**
     * The e2_kpm_* gauges show each (node, cell)'s last streamed window, read from the database so that
     * every replica exports the same series; a (node, cell) silent for {@code gauge-ttl} disappears.
     */
    void refreshGauges() {
        List<Window> latest = jdbc.query(
                """
                select distinct on (node_id, cell_id) node_id, cell_id, window_start, samples, p95_latency_ms,
                       prb_utilization, ue_count
                from kpm_window where emitted and window_end > ?
                order by node_id, cell_id, window_start desc
                """,
                (rs, i) -> new Window(
                        rs.getString("node_id"),
                        rs.getString("cell_id"),
                        rs.getTimestamp("window_start").toInstant(),
                        rs.getInt("samples"),
                        (Double) rs.getObject("p95_latency_ms"),
                        (Double) rs.getObject("prb_utilization"),
                        (Integer) rs.getObject("ue_count"),
                        Map.of()),
                Timestamp.from(clock.instant().minus(gaugeTtl)));
        latency.register(rows(latest, Window::p95), true);
        prb.register(rows(latest, Window::prb), true);
        ues.register(rows(latest, w -> w.ues() == null ? null : w.ues().doubleValue()), true);
    }

    private static List<MultiGauge.Row<?>> rows(
            List<Window> windows, java.util.function.Function<Window, Double> value) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        Map<String, Double> seen = new HashMap<>();
        for (Window w : windows) {
            Double v = value.apply(w);
            if (v != null && seen.put(w.nodeId() + "\n" + w.cellId(), v) == null) {
                rows.add(MultiGauge.Row.of(Tags.of("node_id", w.nodeId(), "cell_id", w.cellId()), v));
            }
        }
        return rows;
    }

    private static String truncate(String value) {
        return value.length() <= 128 ? value : value.substring(0, 128);
    }

    private record Window(
            String nodeId,
            String cellId,
            Instant start,
            int samples,
            Double p95,
            Double prb,
            Integer ues,
            Map<String, Double> counters) {}
}
