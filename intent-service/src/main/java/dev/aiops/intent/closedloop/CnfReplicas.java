package dev.aiops.intent.closedloop;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many replicas the target function runs now, read (never written) from the CNF table of this same
 * service, which the cnf package owns. The largest count among the function's live CNFs on the site (or
 * anywhere when the rule names no site); empty when none runs.
 */
@Component
class CnfReplicas {

    private static final String LIVE = " and state not in ('TERMINATING', 'DELETED', 'FAILED')";

    private final JdbcTemplate jdbc;

    CnfReplicas(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Integer> current(String function, String site) {
        List<Integer> counts = site == null
                ? jdbc.queryForList(
                        "select max(replicas) from cnf where upper(function) = upper(?)" + LIVE,
                        Integer.class,
                        function)
                : jdbc.queryForList(
                        "select max(replicas) from cnf where upper(function) = upper(?) and site = ?" + LIVE,
                        Integer.class,
                        function,
                        site);
        return counts.stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
