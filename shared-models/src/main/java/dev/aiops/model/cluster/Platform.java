package dev.aiops.model.cluster;

/** Kubernetes distribution a cluster runs. */
public enum Platform {
    OPENSHIFT,
    KUBERNETES,
    MICROSHIFT
}
