package dev.aiops.intent.planning;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** What the planner decided for an intent: one CNF per (function, cluster), sized. Recorded on the intent. */
@JsonNaming(SnakeCaseStrategy.class)
public record Plan(List<Cnf> cnfs) {

    /** More replicas of one function on one cluster is a different design: planning and scaling refuse it. */
    public static final int MAX_REPLICAS = 10;

    public Plan {
        cnfs = List.copyOf(cnfs);
    }

    /**
     * @param site the site label of the cluster (or its name when it has none)
     * @param resources Kubernetes quantities for requests and limits
     * @param labels the CNF's labels, which rules' label selectors match: {@code app}, {@code function-family},
     *     {@code site}, {@code tier} (the cluster type) and {@code service-type} when the intent names one
     */
    @JsonNaming(SnakeCaseStrategy.class)
    public record Cnf(
            String function,
            UUID clusterId,
            String clusterName,
            String site,
            String namespace,
            int replicas,
            Resources resources,
            Map<String, String> labels) {

        public Cnf {
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }

    @JsonNaming(SnakeCaseStrategy.class)
    public record Resources(String cpu, String cpuLimit, String memory, String memoryLimit) {}
}
