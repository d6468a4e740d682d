package dev.aiops.intelligence.analysis;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.model.event.EventEnvelope;
import dev.aiops.model.event.EventType;
import dev.aiops.model.intelligence.AnomalyDetection;
import dev.aiops.model.intelligence.RcaCompletedEvent;
import dev.aiops.platform.error.ApiException;
import dev.aiops.platform.outbox.Outbox;
import dev.aiops.rca.Cause;
import dev.aiops.rca.ObjectKind;
import dev.aiops.rca.RootCauseRanker;
import dev.aiops.rca.Signal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Root-cause analysis: finds the cluster and window of the starting point, reads what the platform knows about
 * them (alerts and VES faults from the collector, anomalies from our store, CNFs and intents from the intent
 * service, package revisions from porch-adapter, pod placement through the collector, the cluster from the
 * registry), builds the graph ({@link FleetGraphAssembler}) and ranks it ({@link RootCauseRanker}). A source that
 * cannot be read becomes a warning, not a failure. The answer is stored with its RCA_COMPLETE event.
 */
@Service
class RcaService {

    private final FleetApis apis;
    private final AnomalyStore anomalies;
    private final RcaRepository repository;
    private final Outbox outbox;
    private final TransactionTemplate transactions;
    private final AnalysisProperties properties;
    private final JsonMapper json;
    private final Clock clock;
    private final ModelWriter writer;

    RcaService(
            FleetApis apis,
            AnomalyStore anomalies,
            RcaRepository repository,
            Outbox outbox,
            TransactionTemplate transactions,
            AnalysisProperties properties,
            JsonMapper json,
            Clock clock,
            ModelWriter writer) {
        this.apis = apis;
        this.anomalies = anomalies;
        this.repository = repository;
        this.outbox = outbox;
        this.transactions = transactions;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.writer = writer;
    }

    private record Start(String kind, String reference, UUID clusterId, Instant from, Instant to) {}

    RcaResult analyze(RcaRequest request, String userId) {
        return analyze(request, userId, true);
    }

    /**
     * @param modelSummary whether a configured model writes the summary; an explanation, which has the model write
     *     its own text, spares the second model call
     */
    RcaResult analyze(RcaRequest request, String userId, boolean modelSummary) {
        var violations = request.violations();
        if (!violations.isEmpty()) {
            throw ApiException.validation(violations);
        }
        Start start = start(request);
        List<String> warnings = new ArrayList<>();
        String clusterName = read(
                "cluster-registry",
                warnings,
                () -> apis.cluster(start.clusterId())
                        .map(c -> c.path("name").asString(null))
                        .orElse(null),
                null);
        if (clusterName == null && "WINDOW".equals(start.kind()) && warnings.isEmpty()) {
            throw new ApiException(ErrorCode.CLUSTER_NOT_FOUND, "No cluster with id " + start.clusterId());
        }
        int max = properties.rca().maxItems();
        FleetSnapshot snapshot = new FleetSnapshot(
                start.clusterId(),
                clusterName,
                read("observability-collector alerts", warnings, () -> apis.alerts(start.clusterId(), max), List.of()),
                anomalies.list(
                        new AnomalyFilter(
                                start.clusterId(),
                                null,
                                null,
                                null,
                                start.from(),
                                start.to().plusMillis(1)),
                        Math.min(max, 100)),
                read(
                        "observability-collector VES faults",
                        warnings,
                        () -> apis.faults(start.from(), start.to(), max),
                        List.of()),
                read("intent-service CNFs", warnings, () -> apis.cnfs(max), List.of()),
                read("porch-adapter package revisions", warnings, () -> apis.packageRevisions(max), List.of()),
                read("intent-service intents", warnings, () -> apis.intents(max), List.of()),
                read(
                        "observability-collector pod placement",
                        warnings,
                        () -> apis.podPlacement(start.clusterId()),
                        List.of()));
        RcaResult ranked = rank(snapshot, start.kind(), start.reference(), start.from(), start.to(), warnings);
        // the summary of an analysis that found nothing stays the template's: there is nothing to explain
        RcaResult result = !modelSummary || ranked.causes().isEmpty()
                ? ranked
                : writer.write(ExplainService.facts(ranked.summary(), ranked))
                        .map(w -> ranked.withSummary(w.text(), ModelWriter.SOURCE_MODEL))
                        .orElse(ranked);
        record(result, userId);
        return result;
    }

    /** Ranks a snapshot; pure apart from the clock and id, so the scripted incidents use it as is. */
    RcaResult rank(
            FleetSnapshot snapshot, String kind, String reference, Instant from, Instant to, List<String> warnings) {
        FleetGraphAssembler.Assembly assembly = FleetGraphAssembler.assemble(snapshot, from, to);
        List<Cause> ranked = new RootCauseRanker(assembly.graph()).rank(assembly.signals());
        List<RcaResult.CandidateCause> causes = new ArrayList<>();
        for (int i = 0; i < ranked.size() && i < properties.rca().maxCauses(); i++) {
            Cause cause = ranked.get(i);
            List<RcaResult.Evidence> evidence = new ArrayList<>();
            for (Signal s : cause.evidence()) {
                evidence.add(new RcaResult.Evidence(
                        s.kind().name(), s.name(), s.at(), assembly.references().get(s)));
            }
            causes.add(new RcaResult.CandidateCause(
                    i + 1,
                    cause.object().id(),
                    cause.object().kind().name(),
                    cause.confidence(),
                    cause.explained(),
                    cause.explanation(),
                    recommendation(cause.object().kind()),
                    evidence));
        }
        String summary = causes.isEmpty()
                ? "No alert, anomaly, fault or change was found on this cluster in the window."
                : String.format(
                        Locale.ROOT,
                        "Most likely cause: %s (confidence %.2f). %s",
                        causes.get(0).objectId(),
                        causes.get(0).confidence(),
                        causes.get(0).explanation());
        return new RcaResult(
                UUID.randomUUID(),
                snapshot.clusterId(),
                snapshot.clusterName(),
                kind,
                reference,
                from,
                to,
                summary,
                causes,
                assembly.graph().objects().size(),
                assembly.signals().size(),
                ModelWriter.SOURCE_TEMPLATE,
                warnings,
                clock.instant());
    }

    private Start start(RcaRequest request) {
        if (request.alertFingerprint() != null) {
            JsonNode alert;
            try {
                alert = apis.alert(request.alertFingerprint())
                        .orElseThrow(() -> new ApiException(
                                ErrorCode.ALERT_NOT_FOUND, "No alert with fingerprint " + request.alertFingerprint()));
            } catch (FleetApis.SourceUnavailableException e) {
                throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The alert could not be read: " + e.getMessage());
            }
            UUID cluster = FleetApis.uuid(alert.path("cluster_id"));
            Instant at = FleetGraphAssembler.instant(alert.path("starts_at"));
            if (cluster == null || at == null) {
                throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The collector's alert has no cluster or start");
            }
            return new Start(
                    "ALERT",
                    request.alertFingerprint(),
                    cluster,
                    at.minus(properties.rca().defaultWindow()),
                    at.plus(properties.rca().after()));
        }
        if (request.anomalyId() != null) {
            AnomalyDetection anomaly = anomalies.get(request.anomalyId());
            return new Start(
                    "ANOMALY",
                    anomaly.id().toString(),
                    anomaly.clusterId(),
                    anomaly.detectedAt().minus(properties.rca().defaultWindow()),
                    anomaly.detectedAt().plus(properties.rca().after()));
        }
        return new Start("WINDOW", null, request.clusterId(), request.startTime(), request.endTime());
    }

    private void record(RcaResult result, String userId) {
        String text = json.writeValueAsString(result);
        Set<String> alerts = new LinkedHashSet<>();
        if ("ALERT".equals(result.triggerKind())) {
            alerts.add(result.triggerRef());
        }
        for (RcaResult.CandidateCause cause : result.causes()) {
            for (RcaResult.Evidence e : cause.evidence()) {
                if (e.reference() != null && e.reference().startsWith("alert:")) {
                    alerts.add(e.reference().substring("alert:".length()));
                }
            }
        }
        RcaCompletedEvent event = new RcaCompletedEvent(
                result.analysisId(),
                result.clusterId(),
                result.summary(),
                result.causes().stream()
                        .map(c -> c.objectId() + ": " + c.explanation())
                        .toList(),
                result.causes().stream()
                        .map(RcaResult.CandidateCause::recommendation)
                        .distinct()
                        .toList(),
                List.copyOf(alerts),
                result.causes().isEmpty() ? 0.0 : result.causes().get(0).confidence());
        transactions.executeWithoutResult(status -> {
            repository.save(RcaEntity.of(result, text, userId));
            outbox.add(EventEnvelope.of(EventType.RCA_COMPLETE, AnomalyStore.SOURCE, result.clusterId(), event));
        });
    }

    private static <T> T read(String source, List<String> warnings, Supplier<T> call, T fallback) {
        try {
            return call.get();
        } catch (FleetApis.SourceUnavailableException e) {
            warnings.add(source + ": " + e.getMessage());
            return fallback;
        }
    }

    /** What an operator usually does first about a cause on this kind of object. */
    static String recommendation(ObjectKind kind) {
        return switch (kind) {
            case NODE -> "Check the node's kubelet, network and hardware; cordon and drain it if it stays unhealthy.";
            case POD ->
                "Inspect the pod's logs and resource usage; set or lower its limits if it starves its neighbours.";
            case GPU -> "Check the GPU's temperature, fans and power limit (nvidia-smi, DCGM); move workloads off it.";
            case CNF ->
                "Check the CNF's pods and recent configuration; heal it through its intent if it stays degraded.";
            case PACKAGE_REVISION ->
                "Compare the revision with the previous published one and roll back if it is at fault.";
            case INTENT -> "Review the intent's latest change and revert or correct it.";
            case CERTIFICATE -> "Renew the certificate and restart the workloads that mount it.";
            case LINK -> "Check the interface and transport link named by the VES fault.";
            case MONITORING ->
                "Restore the cluster's Prometheus; the missing data is a monitoring gap, not a workload failure.";
            case CLUSTER -> "Check the cluster's control plane and its connectivity to the hub.";
        };
    }
}
