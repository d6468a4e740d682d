package dev.aiops.registry.cluster;

import dev.aiops.model.cluster.ClusterState;
import dev.aiops.model.cluster.ClusterType;
import dev.aiops.model.cluster.Environment;
import dev.aiops.model.error.FieldViolation;
import dev.aiops.registry.config.Requests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The list filters and sort of {@code GET /api/v1/clusters}, parsed and checked. */
public record ClusterFilter(
        String name,
        ClusterType clusterType,
        Environment environment,
        String region,
        ClusterState state,
        Boolean hasGpu,
        Boolean hasCnf,
        Map<String, String> labels,
        Sort sort) {

    /** Sortable fields (API name → column). Anything else is refused, never pasted into SQL. */
    static final Map<String, String> SORTABLE = Map.ofEntries(
            Map.entry("name", "name"),
            Map.entry("display_name", "display_name"),
            Map.entry("created_at", "created_at"),
            Map.entry("updated_at", "updated_at"),
            Map.entry("cluster_type", "cluster_type"),
            Map.entry("environment", "environment"),
            Map.entry("platform", "platform"),
            Map.entry("region", "region"),
            Map.entry("state", "state"),
            Map.entry("health_score", "health_score"),
            Map.entry("last_seen_at", "last_seen_at"));

    public ClusterFilter {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        sort = sort == null ? Sort.DEFAULT : sort;
    }

    public static ClusterFilter none() {
        return new ClusterFilter(null, null, null, null, null, null, null, Map.of(), Sort.DEFAULT);
    }

    /**
     * @param labelParams each {@code key=value}, from repeated {@code label} parameters
     * @param sortParam {@code field}, {@code -field} or {@code field,asc|desc}
     */
    public static ClusterFilter parse(
            String name,
            String clusterType,
            String environment,
            String region,
            String state,
            String hasGpu,
            String hasCnf,
            String[] labelParams,
            String sortParam) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<FieldViolation> violations = new ArrayList<>();
        if (labelParams != null) {
            for (String param : labelParams) {
                int eq = param.indexOf('=');
                if (eq <= 0) {
                    violations.add(new FieldViolation("label", "must be key=value"));
                } else {
                    labels.put(param.substring(0, eq), param.substring(eq + 1));
                }
            }
        }
        if (name != null && name.length() > 63) {
            violations.add(new FieldViolation("name", "must be at most 63 characters"));
        }
        if (!violations.isEmpty()) {
            throw Requests.invalid(violations);
        }
        return new ClusterFilter(
                name == null || name.isBlank() ? null : name.trim().toLowerCase(Locale.ROOT),
                Requests.enumParam(ClusterType.class, "cluster_type", clusterType),
                Requests.enumParam(Environment.class, "environment", environment),
                region == null || region.isBlank() ? null : region.trim(),
                Requests.enumParam(ClusterState.class, "state", state),
                Requests.booleanParam("has_gpu", hasGpu),
                Requests.booleanParam("has_cnf", hasCnf),
                labels,
                Sort.parse(sortParam));
    }

    public record Sort(String column, boolean ascending) {

        static final Sort DEFAULT = new Sort("created_at", true);

        static Sort parse(String param) {
            if (param == null || param.isBlank()) {
                return DEFAULT;
            }
            String text = param.trim();
            boolean ascending = true;
            if (text.startsWith("-")) {
                ascending = false;
                text = text.substring(1);
            } else if (text.contains(",")) {
                String direction = text.substring(text.indexOf(',') + 1).trim().toLowerCase(Locale.ROOT);
                text = text.substring(0, text.indexOf(','));
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw Requests.invalid("sort", "direction must be asc or desc");
                }
                ascending = direction.equals("asc");
            }
            String column = SORTABLE.get(text.trim().toLowerCase(Locale.ROOT));
            if (column == null) {
                throw Requests.invalid("sort", "must be one of " + new java.util.TreeSet<>(SORTABLE.keySet()));
            }
            return new Sort(column, ascending);
        }
    }
}
