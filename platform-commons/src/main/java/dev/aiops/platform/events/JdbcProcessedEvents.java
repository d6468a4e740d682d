package dev.aiops.platform.events;

import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processed-event ledger in the service's own schema ({@code processed_event}), written in the same
 * transaction as the handler's own changes: either both commit or neither does, which makes a
 * database-backed handler effectively exactly-once.
 */
class JdbcProcessedEvents implements ProcessedEvents {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    JdbcProcessedEvents(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    @Override
    public boolean runOnce(String group, UUID eventId, Work work) throws Exception {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                int inserted = jdbc.update(
                        "insert into processed_event (consumer_group, event_id) values (?, ?) on conflict do nothing",
                        group,
                        eventId);
                if (inserted == 0) {
                    return false;
                }
                try {
                    work.run();
                } catch (Exception e) {
                    throw new WorkFailed(e);
                }
                return true;
            }));
        } catch (WorkFailed e) {
            throw (Exception) e.getCause();
        }
    }

    private static final class WorkFailed extends RuntimeException {
        WorkFailed(Exception cause) {
            super(cause);
        }
    }
}
