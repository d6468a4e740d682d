package dev.aiops.intelligence.analysis;

import dev.aiops.platform.web.ServiceClients;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform APIs analysis reads: the collector (federated range queries, alerts, VES faults), the registry
 * (the cluster), the intent service (intents, CNFs) and porch-adapter (package revisions). Calls go out as this
 * service (its service token), except range queries an operator asked for, which carry the user's own token so
 * the collector applies the user's rights. Answers are read as JSON trees: the fields used are the contract's,
 * and fields this engine does not use (e.g. the collector's {@code fleet_result}) must not break it.
 */
@Component
class FleetApis {

    static final String COLLECTOR = "observability-collector";
    static final String REGISTRY = "cluster-registry";
    static final String INTENTS = "intent-service";
    static final String PORCH = "porch-adapter";
    private static final int PAGE_SIZE = 100;

    private final ServiceClients clients;
    private final AnalysisProperties properties;
    private final JsonMapper json;
    private final Map<String, RestClient> cache = new java.util.concurrent.ConcurrentHashMap<>();

    FleetApis(ServiceClients clients, AnalysisProperties properties, JsonMapper json) {
        this.clients = clients;
        this.properties = properties;
        this.json = json;
    }

    /** A series of a range result: the cluster, the series' labels and its points in time order. */
    record Series(UUID clusterId, String clusterName, Map<String, String> labels, List<Point> points) {}

    record Point(Instant at, double value) {}

    record RangeResult(List<Series> series, List<String> warnings) {}

    /**
     * {@code POST /api/v1/metrics/query_range} on the collector.
     *
     * @param bearerToken the user's token, or null to call as this service
     */
    RangeResult queryRange(
            String query, List<UUID> clusterIds, Instant start, Instant end, String step, String bearerToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("cluster_ids", clusterIds);
        body.put("start_time", start.toString());
        body.put("end_time", end.toString());
        body.put("step", step);
        JsonNode answer = call(
                COLLECTOR,
                client -> client.post()
                        .uri("/api/v1/metrics/query_range")
                        .headers(h -> {
                            if (bearerToken != null) {
                                h.setBearerAuth(bearerToken);
                            }
                        })
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class));
        List<Series> series = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (JsonNode warning : answer.path("warnings")) {
            warnings.add(warning.asString(""));
        }
        for (JsonNode result : answer.path("results")) {
            UUID clusterId = uuid(result.path("cluster_id"));
            String clusterName = result.path("cluster_name").asString(null);
            String status = result.path("status").asString("");
            if (!"SUCCESS".equals(status) && !"PARTIAL".equals(status)) {
                warnings.add("cluster " + clusterName + ": " + status);
                continue;
            }
            if (clusterId == null) {
                continue;
            }
            for (JsonNode data : result.path("data")) {
                Map<String, String> labels = labels(data.path("metric"));
                List<Point> points = new ArrayList<>();
                for (JsonNode sample : data.path("values")) {
                    points.add(point(sample));
                }
                if (!points.isEmpty()) {
                    series.add(new Series(clusterId, clusterName, labels, points));
                }
            }
        }
        return new RangeResult(series, warnings);
    }

    /** Labels of every {@code kube_pod_info} series of a cluster now: which node each pod runs on. */
    List<Map<String, String>> podPlacement(UUID clusterId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", "kube_pod_info");
        body.put("cluster_ids", List.of(clusterId));
        JsonNode answer = call(
                COLLECTOR,
                client -> client.post()
                        .uri("/api/v1/metrics/query")
                        .body(body)
                        .retrieve()
                        .body(JsonNode.class));
        List<Map<String, String>> pods = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            for (JsonNode data : result.path("data")) {
                pods.add(labels(data.path("metric")));
            }
        }
        return pods;
    }

    /** One alert by fingerprint, empty when the collector does not know it. */
    Optional<JsonNode> alert(String fingerprint) {
        return one(COLLECTOR, "/api/v1/alerts/{fingerprint}", fingerprint);
    }

    List<JsonNode> alerts(UUID clusterId, int max) {
        return pages(COLLECTOR, "/api/v1/alerts", Map.of("cluster_id", clusterId), max);
    }

    /** VES fault events received in the window, newest first. */
    List<JsonNode> faults(Instant since, Instant until, int max) {
        return pages(
                COLLECTOR,
                "/api/v1/fcaps/events",
                Map.of("domain", "fault", "since", since.toString(), "until", until.toString()),
                max);
    }

    Optional<JsonNode> cluster(UUID clusterId) {
        return one(REGISTRY, "/api/v1/clusters/{id}", clusterId);
    }

    List<JsonNode> cnfs(int max) {
        return pages(INTENTS, "/api/v1/cnfs", Map.of(), max);
    }

    List<JsonNode> intents(int max) {
        return pages(INTENTS, "/api/v1/intents", Map.of(), max);
    }

    List<JsonNode> packageRevisions(int max) {
        return pages(PORCH, "/api/v1/packages", Map.of(), max);
    }

    /** One resource, empty when its service answers 404. */
    private Optional<JsonNode> one(String service, String path, Object id) {
        try {
            return Optional.of(call(
                    service,
                    client -> client.get()
                            .uri(uri -> uri.path(path).build(id))
                            .retrieve()
                            .body(JsonNode.class)));
        } catch (SourceUnavailableException e) {
            if (e.status() == HttpStatus.NOT_FOUND.value()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Items of a paged list (newest first in every platform API), up to {@code max}. */
    private List<JsonNode> pages(String service, String path, Map<String, ?> query, int max) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 1; items.size() < max; page++) {
            int current = page;
            JsonNode answer = call(
                    service,
                    client -> client.get()
                            .uri(uri -> {
                                uri.path(path).queryParam("page", current).queryParam("page_size", PAGE_SIZE);
                                query.forEach((name, value) -> uri.queryParam(name, value));
                                return uri.build();
                            })
                            .retrieve()
                            .body(JsonNode.class));
            for (JsonNode item : answer.path("items")) {
                if (items.size() < max) {
                    items.add(item);
                }
            }
            if (current >= answer.path("total_pages").asInt(0)) {
                break;
            }
        }
        return items;
    }

    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        return labels;
    }

    private JsonNode call(String service, Function<RestClient, JsonNode> request) {
        RestClient client = cache.computeIfAbsent(
                service, name -> clients.forService(name, properties.connectTimeout(), properties.readTimeout()));
        try {
            JsonNode body = request.apply(client);
            return body == null ? json.nullNode() : body;
        } catch (RestClientResponseException e) {
            throw new SourceUnavailableException(service, e.getStatusCode().value(), problemDetail(e));
        } catch (RestClientException e) {
            throw new SourceUnavailableException(service, 0, "not reachable");
        }
    }

    /** The downstream problem's detail (meant for callers), else only the status. */
    private String problemDetail(RestClientResponseException e) {
        try {
            JsonNode problem = json.readTree(e.getResponseBodyAsString());
            String detail = problem.path("detail").asString("");
            if (!detail.isEmpty()) {
                return detail;
            }
        } catch (RuntimeException notJson) {
            // fall through to the status alone
        }
        return e instanceof HttpClientErrorException ? "refused the request" : "failed";
    }

    private static Point point(JsonNode sample) {
        double seconds = sample.path(0).asDouble();
        String raw = sample.path(1).asString("NaN");
        double value = switch (raw) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> parse(raw);
        };
        return new Point(Instant.ofEpochMilli(Math.round(seconds * 1000)), value);
    }

    private static double parse(String raw) {
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static UUID uuid(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return UUID.fromString(node.asString(""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A platform service refused or failed a call; {@code status} is 0 when it did not answer at all. */
    static final class SourceUnavailableException extends RuntimeException {

        private final String service;
        private final int status;

        SourceUnavailableException(String service, int status, String detail) {
            super(service + (status == 0 ? " " : " answered " + status + ": ") + detail);
            this.service = service;
            this.status = status;
        }

        String service() {
            return service;
        }

        int status() {
            return status;
        }
    }
}
