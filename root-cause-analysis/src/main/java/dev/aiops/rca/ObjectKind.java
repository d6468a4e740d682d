package dev.aiops.rca;

/** Kinds of fleet objects a root cause can sit on. */
public enum ObjectKind {
    CLUSTER,
    NODE,
    POD,
    CNF,
    GPU,
    LINK,
    PACKAGE_REVISION,
    INTENT,
    CERTIFICATE,
    MONITORING
}
