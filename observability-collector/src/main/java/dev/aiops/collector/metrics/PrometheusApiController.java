package dev.aiops.collector.metrics;

import dev.aiops.collector.metrics.FederationException.Reason;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Prometheus' own HTTP API v1 over the whole fleet, so Grafana, promtool and other Prometheus clients can
 * point at the platform: GET or form-encoded POST, Prometheus' JSON, every series with a {@code cluster}
 * label, {@code cluster="x"} selecting clusters.
 */
@RestController
@RequestMapping("/prometheus/api/v1")
@PreAuthorize("hasRole('VIEWER')")
@Tag(name = "Prometheus-compatible API")
class PrometheusApiController {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final FederatedQueryService queries;
    private final MetadataService metadata;

    PrometheusApiController(FederatedQueryService queries, MetadataService metadata) {
        this.queries = queries;
        this.metadata = metadata;
    }

    @RequestMapping(
            path = "/query",
            method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "Instant query across the fleet (Prometheus API)")
    ResponseEntity<Map<String, Object>> query(
            @RequestParam(required = false) String query,
            @RequestParam(required = false) String time,
            @RequestParam(required = false) String timeout,
            @RequestParam(name = "partial_response", required = false) String partialResponse,
            @RequestHeader(name = "Cache-Control", required = false) String cacheControl) {
        FederatedAnswer answer = queries.query(new FederatedRequest(
                required("query", query),
                List.of(),
                PrometheusParams.time("time", time),
                null,
                null,
                null,
                timeout(timeout),
                PrometheusParams.abortOnPartial(partialResponse),
                PrometheusParams.noCache(cacheControl)));
        return success(data(answer.data()), answer.warnings());
    }

    @RequestMapping(
            path = "/query_range",
            method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "Range query across the fleet (Prometheus API)")
    ResponseEntity<Map<String, Object>> queryRange(
            @RequestParam(required = false) String query,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end,
            @RequestParam(required = false) String step,
            @RequestParam(required = false) String timeout,
            @RequestParam(name = "partial_response", required = false) String partialResponse,
            @RequestHeader(name = "Cache-Control", required = false) String cacheControl) {
        Instant from = PrometheusParams.time("start", required("start", start));
        Instant to = PrometheusParams.time("end", required("end", end));
        FederatedAnswer answer = queries.query(new FederatedRequest(
                required("query", query),
                List.of(),
                null,
                from,
                to,
                PrometheusParams.duration("step", required("step", step)),
                timeout(timeout),
                PrometheusParams.abortOnPartial(partialResponse),
                PrometheusParams.noCache(cacheControl)));
        return success(data(answer.data()), answer.warnings());
    }

    @RequestMapping(
            path = "/series",
            method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "Series matching selectors across the fleet (Prometheus API)")
    ResponseEntity<Map<String, Object>> series(
            @RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end) {
        MetadataService.MetadataAnswer answer = metadata.series(scope(match, start, end));
        return success(answer.data(), answer.warnings());
    }

    @RequestMapping(
            path = "/labels",
            method = {RequestMethod.GET, RequestMethod.POST})
    @Operation(summary = "Label names across the fleet (Prometheus API)")
    ResponseEntity<Map<String, Object>> labels(
            @RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end) {
        MetadataService.MetadataAnswer answer = metadata.labels(scope(match, start, end));
        return success(answer.data(), answer.warnings());
    }

    @RequestMapping(path = "/label/{name}/values", method = RequestMethod.GET)
    @Operation(summary = "Values of one label across the fleet (Prometheus API)")
    ResponseEntity<Map<String, Object>> labelValues(
            @PathVariable String name,
            @RequestParam(name = "match[]", required = false) List<String> match,
            @RequestParam(required = false) String start,
            @RequestParam(required = false) String end) {
        MetadataService.MetadataAnswer answer = metadata.labelValues(name, scope(match, start, end));
        return success(answer.data(), answer.warnings());
    }

    @RequestMapping(path = "/metadata", method = RequestMethod.GET)
    @Operation(summary = "Metric metadata across the fleet (Prometheus API)")
    ResponseEntity<Map<String, Object>> metadata(
            @RequestParam(required = false) String metric, @RequestParam(required = false) Integer limit) {
        MetadataService.MetadataAnswer answer = metadata.metadata(metric, limit, scope(null, null, null));
        return success(answer.data(), answer.warnings());
    }

    private static MetadataService.Scope scope(List<String> match, String start, String end) {
        return new MetadataService.Scope(
                List.of(),
                match == null ? List.of() : match,
                PrometheusParams.time("start", start),
                PrometheusParams.time("end", end),
                DEFAULT_TIMEOUT);
    }

    private static Duration timeout(String timeout) {
        Duration parsed = PrometheusParams.duration("timeout", timeout);
        return parsed == null ? DEFAULT_TIMEOUT : parsed;
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new FederationException(Reason.BAD_QUERY, name, "invalid parameter \"" + name + "\": missing");
        }
        return value;
    }

    static Map<String, Object> data(QueryData data) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("resultType", data.resultType());
        out.put("result", data.scalar() != null ? data.scalar() : data.series());
        return out;
    }

    private static ResponseEntity<Map<String, Object>> success(Object data, List<String> warnings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        body.put("data", data);
        if (!warnings.isEmpty()) {
            body.put("warnings", new ArrayList<>(warnings));
        }
        return ResponseEntity.ok(body);
    }
}
