package dev.aiops.collector.ves;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Raises a VES fault "heartbeat lost" (CRITICAL) for a source whose heartbeats stopped for 3 of its own
 * intervals. The fault travels exactly like a received one (stored, FCAPS stream), so closed-loop rules
 * see it without a special case. Its eventId derives from the last heartbeat seen, so a retried check
 * does not raise it twice; a new heartbeat re-arms the check.
 *
 * <p>When a lost source sends a heartbeat again, the ingestion clears the fault once, as VES clears an
 * alarm: the same alarmCondition and specificProblem with eventSeverity NORMAL ({@link #cleared}).
 */
@Component
class HeartbeatMonitor {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatMonitor.class);
    static final String ALARM = "heartbeatLost";

    private final FcapsEventStore store;
    private final FcapsEventService events;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    HeartbeatMonitor(FcapsEventStore store, FcapsEventService events, TransactionTemplate transactions) {
        this.store = store;
        this.events = events;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${aiops.collector.ves.heartbeat-check-interval:10s}")
    void check() {
        try {
            transactions.executeWithoutResult(status -> {
                Instant now = clock.instant();
                List<FcapsEventStore.LostHeartbeat> lost = store.markLost(now);
                if (!lost.isEmpty()) {
                    events.accept(lost.stream()
                            .map(l -> AcceptedEvent.of(fault(l, now)))
                            .toList());
                    log.info("Heartbeat lost for {} source(s)", lost.size());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Heartbeat check failed, retrying at the next run: {}", e.toString());
        }
    }

    /** A Common Event Format 7.2.1 fault event, valid against the schema like any sender's. */
    static JsonNode fault(FcapsEventStore.LostHeartbeat lost, Instant now) {
        return event(lost, ALARM + "-" + lost.lastSeen().toEpochMilli(), "CRITICAL", now, null);
    }

    /**
     * The clearing of {@link #fault}: its own eventId (derived from the raised one, so a replay is dropped
     * as a duplicate and is not mistaken for the raise), severity NORMAL.
     */
    static JsonNode cleared(FcapsEventStore.RestoredHeartbeat restored, Instant now) {
        FcapsEventStore.LostHeartbeat lost = restored.lost();
        ObjectNode info = JsonNodeFactory.instance
                .objectNode()
                .put("lostSince", restored.lostSince().toString())
                .put("restoredAt", now.toString());
        return event(lost, ALARM + "-" + lost.lastSeen().toEpochMilli() + "-cleared", "NORMAL", now, info);
    }

    private static JsonNode event(
            FcapsEventStore.LostHeartbeat lost, String eventId, String severity, Instant now, ObjectNode info) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        long nowMicros = now.toEpochMilli() * 1000;
        ObjectNode header = f.objectNode()
                .put("domain", "fault")
                .put("eventId", eventId)
                .put("eventName", "Fault_Collector_HeartbeatLost")
                .put("lastEpochMicrosec", nowMicros)
                .put("priority", "High")
                .put("reportingEntityName", FcapsEventService.SOURCE)
                .put("sequence", 0)
                .put("sourceName", lost.sourceName())
                .put("startEpochMicrosec", lost.lastSeen().toEpochMilli() * 1000)
                .put("version", "4.1")
                .put("vesEventListenerVersion", "7.2.1");
        ObjectNode fault = f.objectNode()
                .put("faultFieldsVersion", "4.0")
                .put("alarmCondition", ALARM)
                .put("eventSeverity", severity)
                .put("eventSourceType", "other")
                .put(
                        "specificProblem",
                        "No heartbeat for 3 intervals of " + lost.intervalSeconds() + " s since " + lost.lastSeen())
                .put("vfStatus", "Active");
        if (info != null) {
            fault.set("alarmAdditionalInformation", info);
        }
        ObjectNode event = f.objectNode();
        event.set("commonEventHeader", header);
        event.set("faultFields", fault);
        return event;
    }
}
