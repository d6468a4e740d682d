package dev.aiops.registry.health;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.Connectivity;

/**
 * The state rules of CONTRACTS.md, as a pure function:
 *
 * <ul>
 *   <li>UNKNOWN (or PROVISIONING) → ONLINE on the first check that passes, → OFFLINE on the first that
 *       fails (any component);
 *   <li>ONLINE → DEGRADED on a partial failure, → OFFLINE when the API server fails;
 *   <li>DEGRADED or OFFLINE → ONLINE when everything passes;
 *   <li>OFFLINE → DEGRADED when the API server is back but other components are not;
 *   <li>DEGRADED → OFFLINE when the API server fails too (implied by "the API server fails");
 *   <li>a cluster not heard from (API server not answering) for {@code silentIntervals} intervals is
 *       UNKNOWN, and stays UNKNOWN while it keeps failing (the rule Open Cluster Management applies to
 *       leases), instead of flapping between OFFLINE and UNKNOWN.
 * </ul>
 */
final class HealthEvaluator {

    private HealthEvaluator() {}

    /**
     * @param silentTooLong the API server has not answered for at least the silent-interval budget
     */
    static ClusterState next(ClusterState current, CheckResult result, boolean silentTooLong) {
        if (result.allPassed()) {
            return ClusterState.ONLINE;
        }
        if (result.apiServerFailed() && silentTooLong) {
            return ClusterState.UNKNOWN;
        }
        return switch (current) {
            case UNKNOWN, PROVISIONING -> ClusterState.OFFLINE;
            case ONLINE, DEGRADED, OFFLINE -> result.apiServerFailed() ? ClusterState.OFFLINE : ClusterState.DEGRADED;
        };
    }

    /**
     * From the recent API server results (bit 0 the latest, 1 = failed): all answered → CONNECTED,
     * none → DISCONNECTED, a mix → INTERMITTENT.
     */
    static Connectivity connectivity(int recentFailures, int count) {
        int window = Math.min(count, WINDOW);
        if (window == 0) {
            return Connectivity.DISCONNECTED;
        }
        int mask = (1 << window) - 1;
        int failures = Integer.bitCount(recentFailures & mask);
        if (failures == 0) {
            return Connectivity.CONNECTED;
        }
        return failures == window ? Connectivity.DISCONNECTED : Connectivity.INTERMITTENT;
    }

    static final int WINDOW = 5;

    /** Shifts the latest API server result into the history bits. */
    static int pushResult(int recentFailures, boolean failed) {
        return ((recentFailures << 1) | (failed ? 1 : 0)) & 0xFF;
    }

    static String reason(ClusterState from, ClusterState to, CheckResult result, boolean silentTooLong) {
        if (to == ClusterState.ONLINE) {
            return "all health checks passed";
        }
        if (to == ClusterState.UNKNOWN && silentTooLong) {
            return "not heard from for several check intervals; " + result.errorSummary();
        }
        return result.errorSummary();
    }
}
