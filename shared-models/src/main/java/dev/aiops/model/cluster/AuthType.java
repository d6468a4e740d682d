package dev.aiops.model.cluster;

/** How the registry authenticates to a cluster's API server. */
public enum AuthType {
    KUBECONFIG,
    SERVICE_ACCOUNT,
    OIDC
}
