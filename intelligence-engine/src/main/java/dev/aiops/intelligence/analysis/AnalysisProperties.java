package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.Sensitivity;
import dev.aiops.model.observability.AlertSeverity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code aiops.intelligence.analysis.*}.
 *
 * @param connectTimeout connect timeout towards the collector, registry, intent service and porch-adapter
 * @param readTimeout read timeout of those calls (a federated range query can take a while)
 * @param detection continuous detection on the fleet queries
 * @param rca root-cause analysis
 * @param modelExplanations explanations and RCA summaries written by the chat's model chain
 */
@Validated
@ConfigurationProperties(prefix = "aiops.intelligence.analysis")
record AnalysisProperties(
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @Valid @DefaultValue Detection detection,
        @Valid @DefaultValue Rca rca,
        @Valid @DefaultValue ModelExplanations modelExplanations) {

    /**
     * @param enabled lets a configured model write explanations; without a model (or with this off) the templates
     *     write them
     * @param maxTokens limit on the tokens of one written explanation
     */
    record ModelExplanations(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("400") @Min(16) int maxTokens) {}

    /**
     * @param enabled polls the fleet queries; off where nothing should call the collector on its own (tests)
     * @param pollInterval how often each query is fetched
     * @param step resolution of the fetched range; one detector point per step
     * @param warmUpWindow history fetched at start-up so a restart does not blind the detectors; at the
     *     default step this is more than the detector's warm-up of 150 points
     * @param maxSeries detector states kept at most (each holds a fixed few thousand doubles); the least
     *     recently updated series is dropped beyond it
     * @param clearAfter points back inside the normal range after which a series' anomaly is over and a new
     *     one may be announced (deduplication while an anomaly persists)
     * @param sensitivity threshold level of the continuous detectors
     * @param queries the fleet queries; an empty list keeps detection idle
     */
    record Detection(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("60s") Duration pollInterval,
            @DefaultValue("1m") @NotBlank String step,
            @DefaultValue("4h") Duration warmUpWindow,
            @DefaultValue("2000") @Min(1) int maxSeries,
            @DefaultValue("5") @Min(1) int clearAfter,
            @DefaultValue("MEDIUM") @NotNull Sensitivity sensitivity,
            @DefaultValue List<@Valid FleetQuery> queries) {}

    /**
     * One fleet query watched by continuous detection.
     *
     * @param name the metric name anomalies are reported under
     * @param query PromQL, fanned out to every cluster by the collector
     * @param upperBound optional absolute limit (e.g. 85 °C): a value above it is a THRESHOLD_BREACH even when
     *     the detector has seen such values before
     */
    record FleetQuery(@NotBlank String name, @NotBlank String query, Double upperBound) {}

    /**
     * @param defaultWindow how far before the trigger (alert start, anomaly) evidence is gathered
     * @param after how far after the trigger evidence is still gathered
     * @param maxCauses causes returned at most
     * @param maxItems items read from each source at most (one page of 100 per call)
     * @param onAlert analyses started by firing alerts, without anybody asking
     */
    record Rca(
            @DefaultValue("1h") Duration defaultWindow,
            @DefaultValue("15m") Duration after,
            @DefaultValue("5") @Min(1) int maxCauses,
            @DefaultValue("300") @Min(1) int maxItems,
            @Valid @DefaultValue OnAlert onAlert) {}

    /**
     * Root-cause analysis of an alert as soon as it fires, published as RCA_COMPLETE, so the cause is on the
     * operator's screen before anybody asks.
     *
     * @param enabled analyse firing alerts of the listed severities
     * @param severities which alerts are analysed; by default only CRITICAL ones, so an alert storm of warnings
     *     does not turn into a storm of analyses
     * @param repeatAfter an alert (by fingerprint) that fires again within this time after its last analysis is
     *     not analysed again
     */
    record OnAlert(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("CRITICAL") Set<AlertSeverity> severities,
            @DefaultValue("1h") Duration repeatAfter) {}
}
