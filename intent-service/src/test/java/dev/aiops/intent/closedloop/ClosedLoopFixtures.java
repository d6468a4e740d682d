package dev.aiops.intent.closedloop;

import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.FcapsEventSummary;
import dev.aiops.model.observability.KpmReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Envelopes as the collector publishes them, and rule bodies as an admin sends them. */
final class ClosedLoopFixtures {

    private ClosedLoopFixtures() {}

    static EventEnvelope<KpmReport> kpm(String node, String cell, Instant windowEnd, Double prb) {
        return EventEnvelope.of(
                EventType.KPM_REPORT,
                "observability-collector",
                null,
                new KpmReport(node, cell, windowEnd, 12.5, prb, 40, Map.of()));
    }

    static EventEnvelope<FcapsEventSummary> fault(String source, String alarm, String severity) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("domain", "fault");
        header.put("eventId", "fault" + UUID.randomUUID());
        header.put("eventName", "Fault_gNB_" + alarm);
        header.put("sourceName", source);
        header.put("priority", "High");
        return EventEnvelope.of(
                EventType.FCAPS_EVENT_RECEIVED,
                "observability-collector",
                null,
                new FcapsEventSummary(
                        "fault",
                        header.get("eventId").toString(),
                        header.get("eventName").toString(),
                        "High",
                        source,
                        severity,
                        Map.of(
                                "commonEventHeader",
                                header,
                                "faultFields",
                                Map.of(
                                        "alarmCondition",
                                        alarm,
                                        "eventSeverity",
                                        severity,
                                        "specificProblem",
                                        "link " + alarm,
                                        "vfStatus",
                                        "Active"))));
    }

    static Map<String, Object> rule(String name, String source, String condition, String action) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", name);
        rule.put("source", source);
        rule.put("condition", condition);
        rule.put("action", action);
        rule.put("enabled", true);
        return rule;
    }

    static Map<String, Object> with(Map<String, Object> rule, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(rule);
        for (int i = 0; i < keyValues.length; i += 2) {
            copy.put((String) keyValues[i], keyValues[i + 1]);
        }
        return copy;
    }

    static Map<String, Object> upfScaleOut(String name, String site) {
        return with(
                rule(name, "kpm", "kpm.prb_utilization > 0.85", "scale_out"),
                "target",
                Map.of("function", "UPF", "site", site),
                "min_replicas",
                2,
                "max_replicas",
                4,
                "priority",
                10,
                "cooldown",
                "PT5M",
                "consecutive_windows",
                3,
                "intent_template",
                "Scale out UPF on " + site + ": PRB {kpm.prb_utilization} on {kpm.node_id}/{kpm.cell_id}");
    }
}
