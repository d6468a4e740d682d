package dev.aiops.model.cluster;

/** The DNS-label-like shape every cluster name must have. */
public final class ClusterNames {

    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$";
    public static final String MESSAGE =
            "must be 3-63 lowercase letters, digits or '-', starting and ending with a letter or digit";

    private ClusterNames() {}
}
