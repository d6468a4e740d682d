package dev.aiops.platform.test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Waits for a service's stream consumer to handle an event, by its row in the service's
 * {@code processed_event} ledger (written in the handler's transaction). Bounded polling, no timing
 * assertion: the caller asserts on the count it gets back.
 */
public final class ProcessedEventsProbe {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private ProcessedEventsProbe() {}

    /** Rows for ({@code group}, {@code eventId}) once one appears, or 0 after 15 s. */
    public static int awaitProcessed(DataSource dataSource, String group, UUID eventId) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        int count = count(dataSource, group, eventId);
        while (count == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            count = count(dataSource, group, eventId);
        }
        return count;
    }

    private static int count(DataSource dataSource, String group, UUID eventId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from processed_event where consumer_group = ? and event_id = ?")) {
            query.setString(1, group);
            query.setObject(2, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
