package dev.aiops.intent.closedloop;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running CNFs a rule can act on, with their labels, read (never written) from the CNF table of this same
 * service, which the cnf package owns; as {@link CnfReplicas}, a read of the table rather than a call into it.
 */
@Component
class CnfTargets {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    CnfTargets(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A running CNF: what a selector matches and a migration moves. */
    record LiveCnf(
            UUID id,
            String name,
            String function,
            String site,
            UUID clusterId,
            String clusterName,
            int replicas,
            UUID intentId,
            Map<String, String> labels) {}

    /** Every CNF not on its way out, oldest first. */
    List<LiveCnf> live() {
        return jdbc.query(
                "select id, name, function, site, cluster_id, cluster_name, replicas, intent_id, labels from cnf"
                        + " where state not in ('TERMINATING', 'DELETED', 'FAILED') order by created_at",
                (rs, i) -> new LiveCnf(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("function"),
                        rs.getString("site"),
                        rs.getObject("cluster_id", UUID.class),
                        rs.getString("cluster_name"),
                        rs.getInt("replicas"),
                        rs.getObject("intent_id", UUID.class),
                        json.readValue(rs.getString("labels"), LABELS)));
    }
}
