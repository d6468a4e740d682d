package dev.aiops.model.cluster;

/** What a cluster is used for. */
public enum Environment {
    PRODUCTION,
    STAGING,
    DEVELOPMENT,
    LAB
}
