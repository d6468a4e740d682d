package dev.aiops.registry.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Request bodies as clients send them (maps, so tests can add unknown or malformed fields). */
public final class Fixtures {

    private Fixtures() {}

    /** A name no other test uses. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A minimal valid registration; its API server refuses connections (port 1), which keeps checks quick. */
    public static Map<String, Object> cluster(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("display_name", "Cluster " + name);
        body.put("api_server_url", "http://127.0.0.1:1");
        body.put("platform", "KUBERNETES");
        return body;
    }

    public static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    /** Event types the outbox recorded for one cluster, oldest first. */
    public static java.util.List<String> outboxEvents(JdbcTemplate jdbc, UUID clusterId) {
        return jdbc.queryForList(
                "select event_type from outbox_event where aggregate_id = ? order by id",
                String.class,
                clusterId.toString());
    }

    public static java.util.List<String> outboxEnvelopes(JdbcTemplate jdbc, UUID clusterId, String type) {
        return jdbc.queryForList(
                "select envelope from outbox_event where aggregate_id = ? and event_type = ? order by id",
                String.class,
                clusterId.toString(),
                type);
    }
}
