package dev.aiops.intelligence.analysis;

import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.AnomalySeverity;
import dev.aiops.model.intelligence.AnomalyType;
import dev.aiops.model.paging.PageQuery;
import dev.aiops.model.paging.PagedResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anomaly detection, root-cause analysis and explanations (CONTRACTS.md § Intelligence). Reading the history is
 * for viewers; running an analysis stores it and announces it, so it takes an operator, as the gateway's rule for
 * writes says.
 */
@RestController
@RequestMapping("/api/v1/analysis")
@PreAuthorize("hasRole('VIEWER')")
@Tag(name = "Analysis")
class AnalysisController {

    private final AnomalyService anomalyService;
    private final AnomalyStore store;
    private final RcaService rcaService;
    private final ExplainService explainService;

    AnalysisController(
            AnomalyService anomalyService, AnomalyStore store, RcaService rcaService, ExplainService explainService) {
        this.anomalyService = anomalyService;
        this.store = store;
        this.rcaService = rcaService;
        this.explainService = explainService;
    }

    @PostMapping("/anomaly")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Detect anomalies in a PromQL range (fetched through the collector) or in raw points")
    AnomalyAnalysis anomaly(@Valid @RequestBody AnomalyRequest request, Authentication authentication) {
        // the range is fetched with the caller's own token, so the collector applies the caller's rights
        return anomalyService.analyze(request, bearerToken(authentication));
    }

    @GetMapping("/anomalies")
    @Operation(summary = "Anomaly history, newest first")
    PagedResponse<AnomalyDetection> anomalies(
            @RequestParam(name = "cluster_id", required = false) UUID clusterId,
            @RequestParam(name = "metric_name", required = false) String metricName,
            @RequestParam(name = "anomaly_type", required = false) AnomalyType anomalyType,
            @RequestParam(required = false) AnomalySeverity severity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant until,
            PageQuery paging) {
        return store.search(new AnomalyFilter(clusterId, metricName, anomalyType, severity, since, until), paging);
    }

    @GetMapping("/anomalies/{id}")
    @Operation(summary = "One anomaly")
    AnomalyDetection anomaly(@PathVariable UUID id) {
        return store.get(id);
    }

    @PostMapping("/rca")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Ranked candidate root causes of an alert, an anomaly or a cluster's time window")
    RcaResult rca(@Valid @RequestBody RcaRequest request, Authentication authentication) {
        return rcaService.analyze(request, authentication.getName());
    }

    @PostMapping("/explain")
    @PreAuthorize("hasRole('OPERATOR')")
    @Operation(summary = "Explain one anomaly or alert, with its most likely cause")
    Explanation explain(@Valid @RequestBody ExplainRequest request, Authentication authentication) {
        return explainService.explain(request, authentication.getName());
    }

    private static String bearerToken(Authentication authentication) {
        return authentication instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getTokenValue()
                : null;
    }
}
