package dev.aiops.registry.credentials;

import dev.aiops.model.cluster.AuthType;
import dev.aiops.model.cluster.ClusterEndpoints;
import java.time.Instant;
import java.util.UUID;

/**
 * Everything needed to reach a cluster, secrets included, decrypted in memory only. Never log or
 * return it to users; {@link #toString()} is redacted.
 *
 * @param authType null when the cluster has no credentials
 * @param fingerprint changes whenever the secrets are re-sealed; keys cached clients
 */
public record ClusterConnection(
        UUID clusterId,
        String clusterName,
        String apiServerUrl,
        AuthType authType,
        String kubeconfig,
        String token,
        String prometheusToken,
        ClusterEndpoints endpoints,
        Instant expiresAt,
        String fingerprint) {

    public boolean hasCredentials() {
        return authType != null;
    }

    @Override
    public String toString() {
        return "ClusterConnection[clusterId=" + clusterId + ", apiServerUrl=" + apiServerUrl + ", authType=" + authType
                + ", secrets=<redacted>]";
    }
}
