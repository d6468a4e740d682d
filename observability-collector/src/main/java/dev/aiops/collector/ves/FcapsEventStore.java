package dev.aiops.collector.ves;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
            select ?, u.s, u.e, u.d, u.n, u.p, u.sv, u.t, u.j::json
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
            bodies[i] = event.json();
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

    /**
     * Records the latest heartbeat of each source and returns the sources that were lost until now. Each
     * recovery is returned once even with several replicas: the lost rows are locked and re-read before
     * they are cleared, so a concurrent batch with the same source finds them cleared already.
     */
    List<RestoredHeartbeat> heartbeats(List<AcceptedEvent> heartbeats, Instant seenAt) {
        // sorted: concurrent batches lock the rows of shared sources in the same order, so they never deadlock
        Map<String, Integer> intervals = new TreeMap<>();
        heartbeats.forEach(event -> intervals.put(event.sourceName(), Math.max(1, event.heartbeatIntervalSeconds())));
        if (intervals.isEmpty()) {
            return List.of();
        }
        String[] sources = intervals.keySet().toArray(String[]::new);
        List<RestoredHeartbeat> restored = jdbc.query(
                """
                with lost as (
                    select source_name, interval_s, last_seen, lost_since from ves_heartbeat
                    where source_name = any(?) and lost_since is not null
                    order by source_name
                    for update)
                update ves_heartbeat h set lost_since = null
                from lost where h.source_name = lost.source_name
                returning lost.source_name, lost.interval_s, lost.last_seen, lost.lost_since
                """,
                (rs, row) -> new RestoredHeartbeat(
                        new LostHeartbeat(
                                rs.getString(1),
                                rs.getInt(2),
                                rs.getTimestamp(3).toInstant()),
                        rs.getTimestamp(4).toInstant()),
                (Object) sources);
        jdbc.update("""
                insert into ves_heartbeat (source_name, interval_s, last_seen)
                select s, i, ? from unnest(?::text[], ?::int[]) as u(s, i)
                on conflict (source_name) do update
                    set interval_s = excluded.interval_s, last_seen = excluded.last_seen, lost_since = null
                """, Timestamp.from(seenAt), sources, intervals.values().toArray(Integer[]::new));
        return restored;
    }

    /**
     * Marks the sources whose heartbeats stopped for 3 intervals as lost and returns them. The update is
     * atomic, so with several replicas each loss is reported once. Rows locked by an ingesting batch are
     * skipped (that batch is refreshing them, and the next check sees the outcome): waiting for them while
     * holding other rows could deadlock with the batch's own row locks.
     */
    List<LostHeartbeat> markLost(Instant now) {
        return jdbc.query(
                """
                update ves_heartbeat set lost_since = ?
                where source_name in (
                    select source_name from ves_heartbeat
                    where lost_since is null and last_seen < ?::timestamptz - make_interval(secs => interval_s * 3)
                    order by source_name
                    for update skip locked)
                returning source_name, interval_s, last_seen
                """,
                (rs, row) -> new LostHeartbeat(
                        rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()),
                Timestamp.from(now),
                Timestamp.from(now));
    }

    record LostHeartbeat(String sourceName, int intervalSeconds, Instant lastSeen) {}

    /** A source lost since {@code lostSince} whose heartbeats came back; {@code lost} as it was raised. */
    record RestoredHeartbeat(LostHeartbeat lost, Instant lostSince) {}

    /**
     * One page, newest first, starting after {@code after} (keyset) or at {@code offset}. The count of the
     * filter stops at {@code countLimit}: counting every match of a broad filter (no filter at all, one
     * domain) over a million events took far longer than the page, while counting to the bound reads at
     * most that many index entries.
     */
    Found find(FcapsEventFilter filter, Position after, long offset, int limit, int countLimit) {
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
        List<Object> countArgs = new ArrayList<>(args);
        countArgs.add(countLimit + 1);
        Long counted = jdbc.queryForObject(
                "select count(*) from (select 1 from fcaps_event" + where + " limit ?) bounded",
                Long.class,
                countArgs.toArray());
        long total = counted == null ? 0 : counted;

        List<Object> pageArgs = new ArrayList<>(args);
        if (after != null) {
            where.append(" and (received_at, id) < (?, ?)");
            pageArgs.add(Timestamp.from(after.receivedAt()));
            pageArgs.add(after.id());
        }
        pageArgs.add(limit + 1); // one more than the page: tells whether a next page exists
        pageArgs.add(after != null ? 0 : offset);
        List<Position> positions = new ArrayList<>();
        List<FcapsEventView> items = jdbc.query(
                "select id, received_at, source_name, event_id, domain, event_name, priority, severity,"
                        + " start_epoch_us, event from fcaps_event" + where
                        + " order by received_at desc, id desc limit ? offset ?",
                (rs, row) -> {
                    Instant receivedAt = rs.getTimestamp("received_at").toInstant();
                    positions.add(new Position(receivedAt, rs.getLong("id")));
                    return new FcapsEventView(
                            rs.getString("event_id"),
                            rs.getString("source_name"),
                            rs.getString("domain"),
                            rs.getString("event_name"),
                            rs.getString("priority"),
                            rs.getString("severity"),
                            Instant.ofEpochSecond(0, rs.getLong("start_epoch_us") * 1_000L),
                            receivedAt,
                            json.readValue(rs.getString("event"), Map.class));
                },
                pageArgs.toArray());
        Position next = null;
        if (items.size() > limit) {
            items = items.subList(0, limit);
            next = positions.get(limit - 1);
        }
        return new Found(items, Math.min(total, countLimit), total <= countLimit, next);
    }

    record Found(List<FcapsEventView> items, long total, boolean totalExact, Position next) {}

    /** Where a page ends in the newest-first order; the keyset of the next page. */
    record Position(Instant receivedAt, long id) {

        String encode() {
            long micros = receivedAt.getEpochSecond() * 1_000_000L + receivedAt.getNano() / 1_000;
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
        }

        /** Null when {@code cursor} is not one this store wrote. */
        static Position decode(String cursor) {
            try {
                String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
                int colon = plain.indexOf(':');
                if (colon <= 0) {
                    return null;
                }
                long micros = Long.parseLong(plain.substring(0, colon));
                long id = Long.parseLong(plain.substring(colon + 1));
                return new Position(
                        Instant.ofEpochSecond(
                                Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L),
                        id);
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return null;
            }
        }
    }
}
