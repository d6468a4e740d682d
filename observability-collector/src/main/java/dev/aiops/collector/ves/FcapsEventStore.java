package dev.aiops.collector.ves;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner of {@code fcaps_event}, {@code fcaps_event_key} and {@code ves_heartbeat}. Writes are one
 * statement per batch (arrays unnested server-side), which is what lets the listener take tens of
 * thousands of events per second.
 */
@Repository
class FcapsEventStore {

    // The key insert decides which events are new (ON CONFLICT DO NOTHING); only those reach the event table.
    private static final String INSERT = """
            with k as (
                insert into fcaps_event_key (source_name, event_id, received_at)
                select s, e, ? from unnest(?::text[], ?::text[]) as u(s, e)
                on conflict do nothing
                returning source_name, event_id)
            insert into fcaps_event (received_at, source_name, event_id, domain, event_name, priority, severity,
                                     start_epoch_us, event)
            select ?, u.s, u.e, u.d, u.n, u.p, u.sv, u.t, u.j::jsonb
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[])
                as u(s, e, d, n, p, sv, t, j)
            join k on k.source_name = u.s and k.event_id = u.e
            returning source_name, event_id
            """;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    FcapsEventStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores the events not seen before (by sourceName + eventId) and returns them, in input order. */
    List<AcceptedEvent> insertNew(List<AcceptedEvent> events, Instant receivedAt) {
        Map<String, AcceptedEvent> unique = new LinkedHashMap<>();
        events.forEach(event -> unique.putIfAbsent(event.key(), event));
        int n = unique.size();
        String[] sources = new String[n];
        String[] ids = new String[n];
        String[] domains = new String[n];
        String[] names = new String[n];
        String[] priorities = new String[n];
        String[] severities = new String[n];
        Long[] starts = new Long[n];
        String[] bodies = new String[n];
        int i = 0;
        for (AcceptedEvent event : unique.values()) {
            sources[i] = event.sourceName();
            ids[i] = event.eventId();
            domains[i] = event.domain();
            names[i] = event.eventName();
            priorities[i] = event.priority();
            severities[i] = event.severity();
            starts[i] = event.startEpochMicrosec();
            bodies[i] = json.writeValueAsString(event.event());
            i++;
        }
        Timestamp at = Timestamp.from(receivedAt);
        List<String> inserted = jdbc.query(
                INSERT,
                (rs, row) -> rs.getString(1) + "\n" + rs.getString(2),
                at,
                sources,
                ids,
                at,
                sources,
                ids,
                domains,
                names,
                priorities,
                severities,
                starts,
                bodies);
        Set<String> keys = new HashSet<>(inserted);
        return unique.values().stream()
                .filter(event -> keys.contains(event.key()))
                .toList();
    }

    /** Records the latest heartbeat of each source (and that it is no longer lost). */
    void heartbeats(List<AcceptedEvent> heartbeats, Instant seenAt) {
        // sorted: concurrent batches lock the rows of shared sources in the same order, so they never deadlock
        Map<String, Integer> intervals = new TreeMap<>();
        heartbeats.forEach(event -> intervals.put(event.sourceName(), Math.max(1, event.heartbeatIntervalSeconds())));
        if (intervals.isEmpty()) {
            return;
        }
        jdbc.update(
                """
                insert into ves_heartbeat (source_name, interval_s, last_seen)
                select s, i, ? from unnest(?::text[], ?::int[]) as u(s, i)
                on conflict (source_name) do update
                    set interval_s = excluded.interval_s, last_seen = excluded.last_seen, lost_since = null
                """,
                Timestamp.from(seenAt),
                intervals.keySet().toArray(String[]::new),
                intervals.values().toArray(Integer[]::new));
    }

    /**
     * Marks the sources whose heartbeats stopped for 3 intervals as lost and returns them. The update is
     * atomic, so with several replicas each loss is reported once.
     */
    List<LostHeartbeat> markLost(Instant now) {
        return jdbc.query(
                """
                update ves_heartbeat set lost_since = ?
                where lost_since is null and last_seen < ?::timestamptz - make_interval(secs => interval_s * 3)
                returning source_name, interval_s, last_seen
                """,
                (rs, row) -> new LostHeartbeat(
                        rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()),
                Timestamp.from(now),
                Timestamp.from(now));
    }

    record LostHeartbeat(String sourceName, int intervalSeconds, Instant lastSeen) {}

    FcapsEventPage find(FcapsEventFilter filter, int offset, int limit) {
        StringBuilder where = new StringBuilder(" where received_at >= ? and received_at < ?");
        List<Object> args = new ArrayList<>();
        args.add(Timestamp.from(filter.since()));
        args.add(Timestamp.from(filter.until()));
        if (filter.sourceName() != null) {
            where.append(" and source_name = ?");
            args.add(filter.sourceName());
        }
        if (filter.domain() != null) {
            where.append(" and domain = ?");
            args.add(filter.domain());
        }
        if (filter.severity() != null) {
            where.append(" and severity = ?");
            args.add(filter.severity());
        }
        Long total = jdbc.queryForObject("select count(*) from fcaps_event" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(limit);
        pageArgs.add(offset);
        List<FcapsEventView> items = jdbc.query(
                "select received_at, source_name, event_id, domain, event_name, priority, severity, start_epoch_us,"
                        + " event from fcaps_event" + where + " order by received_at desc, id desc limit ? offset ?",
                (rs, row) -> new FcapsEventView(
                        rs.getString("event_id"),
                        rs.getString("source_name"),
                        rs.getString("domain"),
                        rs.getString("event_name"),
                        rs.getString("priority"),
                        rs.getString("severity"),
                        Instant.ofEpochSecond(0, rs.getLong("start_epoch_us") * 1_000L),
                        rs.getTimestamp("received_at").toInstant(),
                        json.readValue(rs.getString("event"), Map.class)),
                pageArgs.toArray());
        return new FcapsEventPage(items, total == null ? 0 : total);
    }

    record FcapsEventPage(List<FcapsEventView> items, long total) {}
}
