package dev.aiops.collector.metrics;

import dev.aiops.collector.metrics.FederationException.Reason;
import dev.aiops.model.observability.MetricQuery;
import dev.aiops.model.observability.MetricResult;
import dev.aiops.model.observability.MetricResultType;
import dev.aiops.model.observability.MetricSeries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The platform's federated metrics API (CONTRACTS.md § Observability). */
@RestController
@RequestMapping("/api/v1/metrics")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "Federated metrics")
class MetricsController {

    private final FederatedQueryService queries;
    private final MetadataService metadata;

    MetricsController(FederatedQueryService queries, MetadataService metadata) {
        this.queries = queries;
        this.metadata = metadata;
    }

    @PostMapping("/query")
    @Operation(summary = "Instant PromQL query across clusters")
    FederatedQueryResponse query(
            @Valid @RequestBody MetricQuery query,
            @RequestParam(name = "partial_response", required = false) String partialResponse,
            @RequestHeader(name = "Cache-Control", required = false) String cacheControl) {
        if (query.rangeQuery()) {
            return range(query, partialResponse, cacheControl);
        }
        return respond(queries.query(new FederatedRequest(
                query.query(),
                query.clusterIds(),
                query.startTime(),
                null,
                null,
                null,
                Duration.ofSeconds(query.timeout()),
                PrometheusParams.abortOnPartial(partialResponse),
                PrometheusParams.noCache(cacheControl))));
    }

    @PostMapping("/query_range")
    @Operation(summary = "Range PromQL query across clusters")
    FederatedQueryResponse queryRange(
            @Valid @RequestBody MetricQuery query,
            @RequestParam(name = "partial_response", required = false) String partialResponse,
            @RequestHeader(name = "Cache-Control", required = false) String cacheControl) {
        if (!query.rangeQuery()) {
            throw new FederationException(
                    Reason.BAD_QUERY, "start_time", "a range query needs start_time and end_time");
        }
        return range(query, partialResponse, cacheControl);
    }

    private FederatedQueryResponse range(MetricQuery query, String partialResponse, String cacheControl) {
        return respond(queries.query(new FederatedRequest(
                query.query(),
                query.clusterIds(),
                null,
                query.startTime(),
                query.endTime(),
                PrometheusParams.duration("step", query.step()),
                Duration.ofSeconds(query.timeout()),
                PrometheusParams.abortOnPartial(partialResponse),
                PrometheusParams.noCache(cacheControl))));
    }

    @GetMapping("/series")
    @Operation(summary = "Series matching selectors across clusters")
    MetadataResponse series(
            @RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(name = "cluster_ids", required = false) List<UUID> clusterIds,
            @RequestParam(name = "start_time", required = false) Instant start,
            @RequestParam(name = "end_time", required = false) Instant end) {
        return respond(metadata.series(scope(clusterIds, match, start, end)));
    }

    @GetMapping("/labels")
    @Operation(summary = "Label names across clusters")
    MetadataResponse labels(
            @RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(name = "cluster_ids", required = false) List<UUID> clusterIds,
            @RequestParam(name = "start_time", required = false) Instant start,
            @RequestParam(name = "end_time", required = false) Instant end) {
        return respond(metadata.labels(scope(clusterIds, match, start, end)));
    }

    @GetMapping("/label/{name}/values")
    @Operation(summary = "Values of one label across clusters")
    MetadataResponse labelValues(
            @PathVariable String name,
            @RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(name = "cluster_ids", required = false) List<UUID> clusterIds,
            @RequestParam(name = "start_time", required = false) Instant start,
            @RequestParam(name = "end_time", required = false) Instant end) {
        return respond(metadata.labelValues(name, scope(clusterIds, match, start, end)));
    }

    @GetMapping("/metadata")
    @Operation(summary = "Metric metadata (type, help, unit) across clusters")
    MetadataResponse metadata(
            @RequestParam(required = false) String metric,
            @RequestParam(required = false) Integer limit,
            @RequestParam(name = "cluster_ids", required = false) List<UUID> clusterIds) {
        return respond(metadata.metadata(metric, limit, scope(clusterIds, null, null, null)));
    }

    private static MetadataService.Scope scope(List<UUID> clusterIds, List<String> match, Instant start, Instant end) {
        return new MetadataService.Scope(
                clusterIds == null ? List.of() : clusterIds,
                match == null ? List.of() : match,
                start,
                end,
                Duration.ofSeconds(MetricQuery.DEFAULT_TIMEOUT_SECONDS));
    }

    private static MetadataResponse respond(MetadataService.MetadataAnswer answer) {
        List<MetadataResponse.ClusterStatus> clusters = answer.outcomes().stream()
                .map(o -> new MetadataResponse.ClusterStatus(
                        o.cluster().id(), o.cluster().name(), o.status(), o.error(), o.queryTimeMs()))
                .toList();
        int succeeded = (int)
                answer.outcomes().stream().filter(ClusterOutcome::succeeded).count();
        return new MetadataResponse(answer.data(), clusters, clusters.size(), succeeded, answer.warnings());
    }

    static FederatedQueryResponse respond(FederatedAnswer answer) {
        MetricResultType type = type(answer.data().resultType());
        List<MetricResult> results = new ArrayList<>();
        for (ClusterOutcome<List<QueryData>> o : answer.outcomes()) {
            List<MetricSeries> data = List.of();
            if (!answer.merged() && o.succeeded()) {
                QueryData own = o.value().get(0);
                data = own.scalar() != null
                        ? List.of(new MetricSeries(null, null, own.scalar()))
                        : own.series().stream()
                                .map(s -> new MetricSeries(
                                        ResultMerger.withCluster(
                                                s.metric(), o.cluster().name()),
                                        s.values(),
                                        s.value()))
                                .toList();
            }
            results.add(new MetricResult(
                    o.cluster().id(),
                    o.cluster().name(),
                    o.status(),
                    o.succeeded() ? type : null,
                    data,
                    o.error(),
                    o.queryTimeMs()));
        }
        FederatedQueryResponse.FleetResult fleet = answer.merged()
                ? new FederatedQueryResponse.FleetResult(type, answer.data().series())
                : null;
        return new FederatedQueryResponse(
                results,
                answer.totalQueryTimeMs(),
                answer.outcomes().size(),
                answer.clustersSucceeded(),
                answer.warnings(),
                fleet);
    }

    private static MetricResultType type(String prometheusType) {
        return MetricResultType.valueOf(prometheusType.toUpperCase(Locale.ROOT));
    }
}
