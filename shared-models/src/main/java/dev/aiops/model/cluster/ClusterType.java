package dev.aiops.model.cluster;

import java.time.Duration;

/** Role of a cluster in the fleet; decides how often and how patiently it is health-checked. */
public enum ClusterType {
    HUB(Duration.ofSeconds(15), Duration.ofSeconds(5)),
    SPOKE(Duration.ofSeconds(30), Duration.ofSeconds(10)),
    EDGE(Duration.ofSeconds(60), Duration.ofSeconds(15)),
    FAR_EDGE(Duration.ofSeconds(120), Duration.ofSeconds(30));

    private final Duration healthCheckInterval;
    private final Duration healthCheckTimeout;

    ClusterType(Duration healthCheckInterval, Duration healthCheckTimeout) {
        this.healthCheckInterval = healthCheckInterval;
        this.healthCheckTimeout = healthCheckTimeout;
    }

    public Duration healthCheckInterval() {
        return healthCheckInterval;
    }

    public Duration healthCheckTimeout() {
        return healthCheckTimeout;
    }
}
