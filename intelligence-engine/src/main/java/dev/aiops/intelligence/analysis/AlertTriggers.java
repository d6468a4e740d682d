package dev.aiops.intelligence.analysis;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.observability.AlertSeverity;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.events.EventHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Root-cause analysis of an alert the moment it fires (ALERT_FIRED from the collector), so its probable cause
 * reaches the operator as RCA_COMPLETE before anybody asks. Only the configured severities are analysed (CRITICAL
 * by default), and an alert that fires again within {@code repeat-after} of its last analysis is not analysed
 * again. The analysis is the one {@code POST /api/v1/analysis/rca} runs, recorded as made by {@link #ANALYST}.
 *
 * <p>It runs inside the consumer group's exactly-once ledger transaction: a source that cannot be read
 * (SERVICE_UNAVAILABLE) fails the event, which is delivered again later; an alert the collector no longer knows
 * is acknowledged and skipped.
 */
@Component
class AlertTriggers implements EventHandler {

    /** The {@code created_by} of analyses started by an alert. */
    static final String ANALYST = "system:alert-firing";

    private static final Logger log = LoggerFactory.getLogger(AlertTriggers.class);

    private final RcaService rca;
    private final RcaRepository analyses;
    private final AnalysisProperties.OnAlert settings;
    private final Clock clock;
    private final Counter analysed;
    private final Counter skipped;

    AlertTriggers(
            RcaService rca, RcaRepository analyses, AnalysisProperties properties, Clock clock, MeterRegistry meters) {
        this.rca = rca;
        this.analyses = analyses;
        this.settings = properties.rca().onAlert();
        this.clock = clock;
        this.analysed = outcome(meters, "analysed");
        this.skipped = outcome(meters, "skipped");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("aiops.intelligence.alert.analyses")
                .description("Firing alerts analysed at once, or skipped (severity, repeat, unknown alert)")
                .tag("outcome", outcome)
                .register(meters);
    }

    @Override
    public void handle(EventEnvelope<JsonNode> event) {
        if (!settings.enabled() || event.eventType() != EventType.ALERT_FIRED) {
            return;
        }
        JsonNode alert = event.payload();
        String fingerprint = alert.path("fingerprint").asString("");
        if (fingerprint.isBlank() || !settings.severities().contains(severity(alert))) {
            skipped.increment();
            return;
        }
        if (analyses.existsByTriggerKindAndTriggerRefAndCreatedAtAfter(
                "ALERT", fingerprint, clock.instant().minus(settings.repeatAfter()))) {
            skipped.increment();
            return;
        }
        try {
            RcaResult result = rca.analyze(new RcaRequest(fingerprint, null, null, null, null), ANALYST);
            analysed.increment();
            log.info(
                    "Alert {} ({}) analysed: {} candidate causes (analysis {})",
                    alert.path("alertname").asString(""),
                    fingerprint,
                    result.causes().size(),
                    result.analysisId());
        } catch (ApiException e) {
            if (e.code() != ErrorCode.ALERT_NOT_FOUND) {
                throw e;
            }
            skipped.increment();
            log.info("Alert {} is no longer known to the collector; not analysed", fingerprint);
        }
    }

    private static AlertSeverity severity(JsonNode alert) {
        try {
            return AlertSeverity.valueOf(alert.path("severity").asString(""));
        } catch (IllegalArgumentException e) {
            return AlertSeverity.WARNING;
        }
    }

    long analysed() {
        return (long) analysed.count();
    }
}
