package dev.aiops.collector.cluster;

import java.util.UUID;

/**
 * How the collector reaches one cluster's monitoring stack and API server, from the registry's internal
 * connection endpoint. Holds secrets: {@link #toString()} is redacted and it is never logged or served.
 *
 * @param authType the registry's {@code auth_type} (KUBECONFIG, SERVICE_ACCOUNT, OIDC), null without
 *     credentials
 * @param token the API server bearer token (SERVICE_ACCOUNT, OIDC)
 * @param kubeconfig the stored kubeconfig (KUBECONFIG)
 */
public record ClusterConnection(
        UUID id,
        String name,
        String prometheusUrl,
        String prometheusToken,
        String alertmanagerUrl,
        String apiServerUrl,
        String authType,
        String token,
        String kubeconfig) {

    /** A cluster known only by its monitoring endpoints (no API server access). */
    public ClusterConnection(
            UUID id, String name, String prometheusUrl, String prometheusToken, String alertmanagerUrl) {
        this(id, name, prometheusUrl, prometheusToken, alertmanagerUrl, null, null, null, null);
    }

    public boolean hasPrometheus() {
        return prometheusUrl != null && !prometheusUrl.isBlank();
    }

    public boolean hasAlertmanager() {
        return alertmanagerUrl != null && !alertmanagerUrl.isBlank();
    }

    /** True when the registry holds credentials the collector can call the API server with. */
    public boolean hasApiServerCredentials() {
        return apiServerUrl != null
                && !apiServerUrl.isBlank()
                && ((token != null && !token.isBlank()) || (kubeconfig != null && !kubeconfig.isBlank()));
    }

    @Override
    public String toString() {
        return "ClusterConnection[id=" + id + ", name=" + name + ", prometheusUrl=" + prometheusUrl + ", apiServerUrl="
                + apiServerUrl + ", secrets=<redacted>]";
    }
}
