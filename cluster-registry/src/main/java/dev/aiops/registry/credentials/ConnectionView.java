package dev.aiops.registry.credentials;

import dev.aiops.model.cluster.AuthType;
import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What another platform service needs to reach a cluster (internal endpoint, service identity only).
 * Contains secrets: never logged, never served to users.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ConnectionView(
        UUID clusterId,
        String clusterName,
        String apiServerUrl,
        AuthType authType,
        String token,
        String kubeconfig,
        String prometheusUrl,
        String prometheusToken,
        String tempoUrl,
        String lokiUrl,
        String alertmanagerUrl,
        Instant credentialsExpiresAt) {

    static ConnectionView of(ClusterConnection c) {
        return new ConnectionView(
                c.clusterId(),
                c.clusterName(),
                c.apiServerUrl(),
                c.authType(),
                c.token(),
                c.kubeconfig(),
                c.endpoints().prometheusUrl(),
                c.prometheusToken(),
                c.endpoints().tempoUrl(),
                c.endpoints().lokiUrl(),
                c.endpoints().alertmanagerUrl(),
                c.expiresAt());
    }

    @Override
    public String toString() {
        return "ConnectionView[clusterId=" + clusterId + ", secrets=<redacted>]";
    }
}
