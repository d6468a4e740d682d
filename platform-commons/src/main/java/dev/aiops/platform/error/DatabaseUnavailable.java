package dev.aiops.platform.error;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means "the database cannot be reached" (stopped, restarting, network cut, pool wait
 * exhausted) rather than a bug: such requests answer 503 so clients retry, instead of 500.
 */
final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    static boolean isCause(Throwable error) {
        return isCause(error, 0);
    }

    private static boolean isCause(Throwable error, int depth) {
        if (depth > 8) {
            return false;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            // a rollback that failed after the connection broke hides the first failure among the suppressed
            for (Throwable suppressed : t.getSuppressed()) {
                if (isCause(suppressed, depth + 1)) {
                    return true;
                }
            }
            if (t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            // SQLSTATE class 08: connection exception (PostgreSQL reports a lost server this way)
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
            // Hikari's proxy after it evicted a connection that failed with a connection error: no SQLSTATE
            if (t.getClass() == SQLException.class && "Connection is closed".equals(t.getMessage())) {
                return true;
            }
            if (t.getCause() == t) {
                return false;
            }
        }
        return false;
    }
}
