package dev.aiops.registry.credentials;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Who read which cluster's secrets, and when; its own transaction, so a refused read is recorded too. */
@Component
class ConnectionReadAudit {

    private static final Logger log = LoggerFactory.getLogger(ConnectionReadAudit.class);

    enum Outcome {
        GRANTED,
        DENIED,
        NOT_FOUND
    }

    private final JdbcTemplate jdbc;

    ConnectionReadAudit(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(String service, UUID clusterId, Outcome outcome) {
        String caller = service == null ? "(unnamed service)" : truncate(service);
        jdbc.update(
                "insert into connection_read_audit (service, cluster_id, outcome) values (?, ?, ?)",
                caller,
                clusterId,
                outcome.name());
        log.info("Connection details of cluster {} requested by {}: {}", clusterId, caller, outcome);
    }

    private static String truncate(String value) {
        return value.length() <= 128 ? value : value.substring(0, 128);
    }
}
