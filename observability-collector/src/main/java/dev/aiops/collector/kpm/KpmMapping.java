package dev.aiops.collector.kpm;

import java.util.Map;

/**
 * From 3GPP TS 28.552 measurements to the platform's KPM metrics:
 * <ul>
 *   <li>latency: {@code DRB.RlcSduDelayDl} (average RLC SDU delay, taken in ms as the adapters report it);
 *       the window's p95 is the 95th percentile of the reports' values
 *   <li>PRB utilization (0..1): {@code RRU.PrbTotDl}, which TS 28.552 defines as the total PRB usage in
 *       percent, divided by 100; without it, {@code RRU.PrbUsedDl / RRU.PrbAvailDl} (PRBs used and
 *       available); clamped to 0..1
 *   <li>UE count: {@code RRC.ConnMean} (mean number of RRC connections)
 * </ul>
 */
final class KpmMapping {

    static final String LATENCY = "DRB.RlcSduDelayDl";
    static final String PRB_TOTAL_PERCENT = "RRU.PrbTotDl";
    static final String PRB_USED = "RRU.PrbUsedDl";
    static final String PRB_AVAILABLE = "RRU.PrbAvailDl";
    static final String UE_COUNT = "RRC.ConnMean";

    private KpmMapping() {}

    static Double latencyMs(Map<String, Double> m) {
        return m.get(LATENCY);
    }

    static Double prbUtilization(Map<String, Double> m) {
        Double value = null;
        if (m.get(PRB_TOTAL_PERCENT) != null) {
            value = m.get(PRB_TOTAL_PERCENT) / 100.0;
        } else if (m.get(PRB_USED) != null && m.get(PRB_AVAILABLE) != null && m.get(PRB_AVAILABLE) > 0) {
            value = m.get(PRB_USED) / m.get(PRB_AVAILABLE);
        }
        return value == null ? null : Math.max(0.0, Math.min(1.0, value));
    }

    static Double ueCount(Map<String, Double> m) {
        return m.get(UE_COUNT);
    }
}
