package dev.aiops.intelligence.tool;

import dev.aiops.platform.security.Roles;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tools of CONTRACTS.md § Intelligence, each a JSON schema and a handler over the registry, collector
 * and intent APIs. Clusters may be named by id or by name, because that is how users talk about them;
 * names are resolved through the registry with the caller's token.
 */
@Component
class ToolDefinitions {

    interface Handler {
        JsonNode run(Caller caller, ToolArguments arguments);
    }

    record Definition(ToolSpec spec, List<String> arguments, Handler handler) {}

    private static final Set<String> CLUSTER_STATES =
            Set.of("ONLINE", "OFFLINE", "DEGRADED", "UNKNOWN", "PROVISIONING");
    private static final Set<String> CLUSTER_TYPES = Set.of("HUB", "SPOKE", "EDGE", "FAR_EDGE");
    private static final Set<String> ENVIRONMENTS = Set.of("PRODUCTION", "STAGING", "DEVELOPMENT", "LAB");
    private static final Set<String> SEVERITIES = Set.of("CRITICAL", "WARNING", "INFO");
    private static final Set<String> ALERT_STATES = Set.of("FIRING", "RESOLVED", "PENDING");
    private static final Map<String, String> INTENT_STATUSES = Map.of(
            "ACKNOWLEDGED", "acknowledged",
            "INPROGRESS", "inProgress",
            "IN_PROGRESS", "inProgress",
            "COMPLETED", "completed",
            "FAILED", "failed",
            "CANCELLED", "cancelled",
            "DEGRADED", "degraded");

    private final PlatformApis apis;
    private final JsonMapper json;
    private final Map<String, Definition> byName = new LinkedHashMap<>();

    ToolDefinitions(PlatformApis apis, JsonMapper json) {
        this.apis = apis;
        this.json = json;
        define(
                "list_clusters",
                "List the fleet's registered clusters with their status (state, health score), type, region and"
                        + " capabilities. Filters are optional and combine.",
                schema(
                        prop("state", enumOf("Cluster state", CLUSTER_STATES)),
                        prop("cluster_type", enumOf("Cluster type", CLUSTER_TYPES)),
                        prop("environment", enumOf("Environment", ENVIRONMENTS)),
                        prop("region", str("Region, exact")),
                        prop("name", str("Part of the cluster name")),
                        prop("has_gpu", "{\"type\":\"boolean\",\"description\":\"Only clusters with GPU nodes\"}"),
                        prop(
                                "page_size",
                                "{\"type\":\"integer\",\"minimum\":1,\"maximum\":100,\"description\":\"How many (default 50)\"}")),
                List.of(),
                Roles.VIEWER,
                this::listClusters);
        define(
                "get_cluster_status",
                "Health of one cluster: state, health score, connectivity, last error and which components"
                        + " (API server, Prometheus, Tempo, Loki) are healthy.",
                schema(prop("cluster", str("Cluster id (UUID) or name"))),
                List.of("cluster"),
                Roles.VIEWER,
                (caller, args) -> apis.get(
                        caller,
                        PlatformApis.REGISTRY,
                        u -> u.path("/api/v1/clusters/{id}/status")
                                .build(clusterId(caller, args.requiredString("cluster")))));
        define(
                "query_metrics",
                "Run a PromQL query across clusters (federated). Without start_time/end_time it is an instant query;"
                        + " with both a range query evaluated every step. Results come per cluster with a status.",
                schema(
                        prop("query", str("PromQL expression")),
                        prop(
                                "clusters",
                                "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"Cluster ids or names; empty or absent = all clusters\"}"),
                        prop("start_time", str("Range start, ISO-8601 UTC")),
                        prop("end_time", str("Range end, ISO-8601 UTC")),
                        prop("step", str("Range step such as 30s, 1m, 5m (default 1m)"))),
                List.of("query"),
                Roles.VIEWER,
                this::queryMetrics);
        define(
                "get_metric_labels",
                "List the metric label names known across clusters, to discover what can be queried.",
                schema(
                        prop(
                                "clusters",
                                "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"description\":\"Cluster ids or names; absent = all\"}")),
                List.of(),
                Roles.VIEWER,
                (caller, args) -> apis.get(caller, PlatformApis.COLLECTOR, u -> {
                    UriBuilder b = u.path("/api/v1/metrics/labels");
                    for (UUID id : clusterIds(caller, args.strings("clusters"))) {
                        b.queryParam("cluster_ids", id);
                    }
                    return b.build();
                }));
        define(
                "list_alerts",
                "List alerts from every cluster's Alertmanager, newest first, optionally by cluster, severity and state.",
                schema(
                        prop("cluster", str("Cluster id (UUID) or name")),
                        prop("severity", enumOf("Alert severity", SEVERITIES)),
                        prop("state", enumOf("Alert state (default: all)", ALERT_STATES)),
                        prop(
                                "page_size",
                                "{\"type\":\"integer\",\"minimum\":1,\"maximum\":100,\"description\":\"How many (default 50)\"}")),
                List.of(),
                Roles.VIEWER,
                this::listAlerts);
        define(
                "get_gpu_nodes",
                "GPU nodes with each GPU's utilisation, memory, temperature and power, optionally for one cluster.",
                schema(prop("cluster", str("Cluster id (UUID) or name"))),
                List.of(),
                Roles.VIEWER,
                (caller, args) ->
                        apis.get(caller, PlatformApis.COLLECTOR, clusterFiltered(caller, args, "/api/v1/gpu/nodes")));
        define(
                "get_gpu_processes",
                "Processes running on GPUs (pid, name, memory used, type), optionally for one cluster.",
                schema(prop("cluster", str("Cluster id (UUID) or name"))),
                List.of(),
                Roles.VIEWER,
                (caller, args) -> apis.get(
                        caller, PlatformApis.COLLECTOR, clusterFiltered(caller, args, "/api/v1/gpu/processes")));
        define(
                "get_gpu_summary",
                "Fleet-wide GPU totals: clusters, nodes and GPUs, average utilisation, memory used and total, GPUs by type.",
                schema(prop("cluster", str("Cluster id (UUID) or name"))),
                List.of(),
                Roles.VIEWER,
                (caller, args) ->
                        apis.get(caller, PlatformApis.COLLECTOR, clusterFiltered(caller, args, "/api/v1/gpu/summary")));
        define(
                "list_intents",
                "List intents (what operators asked the platform to do) newest first, optionally by status and since a time.",
                schema(
                        prop(
                                "status",
                                enumOf(
                                        "Lifecycle status",
                                        Set.of(
                                                "acknowledged",
                                                "inProgress",
                                                "completed",
                                                "failed",
                                                "cancelled",
                                                "degraded"))),
                        prop("since", str("Only intents created at or after this ISO-8601 UTC time")),
                        prop(
                                "page_size",
                                "{\"type\":\"integer\",\"minimum\":1,\"maximum\":100,\"description\":\"How many to read (default 100)\"}")),
                List.of(),
                Roles.VIEWER,
                this::listIntents);
        define(
                "get_intent",
                "One intent with its structured form, status and status reason.",
                schema(prop("intent_id", str("Intent id (UUID)"))),
                List.of("intent_id"),
                Roles.VIEWER,
                (caller, args) -> apis.get(
                        caller,
                        PlatformApis.INTENTS,
                        u -> u.path("/api/v1/intents/{id}").build(requireUuid(args, "intent_id"))));
        define(
                "create_intent",
                "State an intent in plain words, e.g. 'Scale UPF on edge-1 to 3 replicas'. It is parsed and"
                        + " acknowledged, then planned and deployed. Only call it when the user explicitly asks.",
                schema(prop("text", str("The intent in plain words"))),
                List.of("text"),
                Roles.OPERATOR,
                (caller, args) -> apis.post(
                        caller, PlatformApis.INTENTS, "/api/v1/intents", Map.of("text", args.requiredString("text"))));
    }

    Map<String, Definition> all() {
        return byName;
    }

    private void define(
            String name,
            String description,
            Map<String, String> properties,
            List<String> required,
            String role,
            Handler handler) {
        StringBuilder schema = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        List<String> parts = new ArrayList<>();
        properties.forEach((key, value) -> parts.add("\"" + key + "\":" + value));
        schema.append(String.join(",", parts)).append("}");
        if (!required.isEmpty()) {
            schema.append(",\"required\":[\"")
                    .append(String.join("\",\"", required))
                    .append("\"]");
        }
        schema.append(",\"additionalProperties\":false}");
        json.readTree(schema.toString()); // fail at start-up, not in front of a model, on a typo
        byName.put(
                name,
                new Definition(
                        new ToolSpec(name, description, schema.toString(), role),
                        List.copyOf(properties.keySet()),
                        handler));
    }

    // ------------------------------------------------------------------ handlers

    private JsonNode listClusters(Caller caller, ToolArguments args) {
        String state = args.upperEnum("state", CLUSTER_STATES);
        String type = args.upperEnum("cluster_type", CLUSTER_TYPES);
        String environment = args.upperEnum("environment", ENVIRONMENTS);
        String region = args.string("region");
        String name = args.string("name");
        Boolean gpu = args.bool("has_gpu");
        Integer size = args.integer("page_size", 1, 100);
        JsonNode page = apis.get(caller, PlatformApis.REGISTRY, u -> {
            UriBuilder b = u.path("/api/v1/clusters").queryParam("page_size", size == null ? 50 : size);
            optional(b, "state", state);
            optional(b, "cluster_type", type);
            optional(b, "environment", environment);
            optional(b, "region", region);
            optional(b, "name", name);
            optional(b, "has_gpu", gpu);
            return b.build();
        });
        // the model needs who and how healthy, not endpoints and versions: keep each item small
        ArrayNode items = json.createArrayNode();
        for (JsonNode cluster : page.path("items")) {
            ObjectNode item = items.addObject();
            for (String field : List.of(
                    "id", "name", "display_name", "cluster_type", "platform", "region", "environment", "labels")) {
                if (cluster.has(field)) {
                    item.set(field, cluster.get(field));
                }
            }
            JsonNode status = cluster.path("status");
            item.set("state", status.path("state"));
            item.set("health_score", status.path("health_score"));
            item.set("last_error", status.path("last_error"));
            JsonNode caps = cluster.path("capabilities");
            item.set("gpu_count", caps.path("gpu_count"));
            item.set("cnf_types", caps.path("cnf_types"));
        }
        ObjectNode result = json.createObjectNode();
        result.set("total", page.path("total"));
        result.set("clusters", items);
        return result;
    }

    private JsonNode queryMetrics(Caller caller, ToolArguments args) {
        String query = args.requiredString("query");
        List<UUID> clusters = clusterIds(caller, args.strings("clusters"));
        Instant start = args.instant("start_time");
        Instant end = args.instant("end_time");
        String step = args.string("step");
        if ((start == null) != (end == null)) {
            throw new ToolArgumentException(
                    start == null ? "start_time" : "end_time", "give both start_time and end_time, or neither");
        }
        if (start != null && !start.isBefore(end)) {
            throw new ToolArgumentException("start_time", "must be before end_time");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("cluster_ids", clusters);
        if (start != null) {
            body.put("start_time", start.toString());
            body.put("end_time", end.toString());
        }
        if (step != null) {
            body.put("step", step);
        }
        String path = start == null ? "/api/v1/metrics/query" : "/api/v1/metrics/query_range";
        return apis.post(caller, PlatformApis.COLLECTOR, path, body);
    }

    private JsonNode listAlerts(Caller caller, ToolArguments args) {
        String cluster = args.string("cluster");
        String severity = args.upperEnum("severity", SEVERITIES);
        String state = args.upperEnum("state", ALERT_STATES);
        Integer size = args.integer("page_size", 1, 100);
        UUID clusterId = cluster == null ? null : clusterId(caller, cluster);
        return apis.get(caller, PlatformApis.COLLECTOR, u -> {
            UriBuilder b = u.path("/api/v1/alerts").queryParam("page_size", size == null ? 50 : size);
            optional(b, "cluster_id", clusterId);
            optional(b, "severity", severity);
            optional(b, "state", state);
            return b.build();
        });
    }

    private JsonNode listIntents(Caller caller, ToolArguments args) {
        String status = args.string("status");
        String wanted = null;
        if (status != null) {
            wanted = INTENT_STATUSES.get(status.toUpperCase(java.util.Locale.ROOT));
            if (wanted == null) {
                throw new ToolArgumentException(
                        "status", "must be one of acknowledged, inProgress, completed, failed, cancelled, degraded");
            }
        }
        Instant since = args.instant("since");
        Integer size = args.integer("page_size", 1, 100);
        JsonNode page = apis.get(
                caller,
                PlatformApis.INTENTS,
                u -> u.path("/api/v1/intents")
                        .queryParam("page_size", size == null ? 100 : size)
                        .build());
        // the intents API lists newest first without filters; status and time are filtered here
        ArrayNode items = json.createArrayNode();
        for (JsonNode intent : page.path("items")) {
            if (wanted != null && !wanted.equals(intent.path("status").asString(""))) {
                continue;
            }
            if (since != null) {
                String created = intent.path("created_at").asString("");
                if (created.isEmpty() || Instant.parse(created).isBefore(since)) {
                    continue;
                }
            }
            items.add(intent);
        }
        ObjectNode result = json.createObjectNode();
        result.put("matching", items.size());
        result.put("scanned", page.path("items").size());
        result.set("intents", items);
        return result;
    }

    // ------------------------------------------------------------------ helpers

    private Function<UriBuilder, URI> clusterFiltered(Caller caller, ToolArguments args, String path) {
        String cluster = args.string("cluster");
        UUID id = cluster == null ? null : clusterId(caller, cluster);
        return u -> {
            UriBuilder b = u.path(path);
            optional(b, "cluster_id", id);
            return b.build();
        };
    }

    private UUID clusterId(Caller caller, String idOrName) {
        try {
            return UUID.fromString(idOrName);
        } catch (IllegalArgumentException notAnId) {
            JsonNode cluster = apis.get(
                    caller,
                    PlatformApis.REGISTRY,
                    u -> u.path("/api/v1/clusters/by-name/{name}").build(idOrName));
            return UUID.fromString(cluster.path("id").asString());
        }
    }

    private List<UUID> clusterIds(Caller caller, List<String> idsOrNames) {
        return idsOrNames.stream().map(c -> clusterId(caller, c)).toList();
    }

    private static UUID requireUuid(ToolArguments args, String name) {
        UUID id = args.uuid(name);
        if (id == null) {
            throw new ToolArgumentException(name, "is required");
        }
        return id;
    }

    private static void optional(UriBuilder builder, String name, Object value) {
        if (value != null) {
            builder.queryParam(name, value);
        }
    }

    private static Map<String, String> schema(Map.Entry<String, String>... properties) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : properties) {
            map.put(p.getKey(), p.getValue());
        }
        return map;
    }

    private static Map.Entry<String, String> prop(String name, String schema) {
        return Map.entry(name, schema);
    }

    private static String str(String description) {
        return "{\"type\":\"string\",\"description\":\"" + description + "\"}";
    }

    private static String enumOf(String description, Set<String> values) {
        return "{\"type\":\"string\",\"enum\":[\"" + String.join("\",\"", new java.util.TreeSet<>(values))
                + "\"],\"description\":\"" + description + "\"}";
    }
}
