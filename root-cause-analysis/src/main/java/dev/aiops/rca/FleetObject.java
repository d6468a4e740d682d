package dev.aiops.rca;

import java.util.Objects;

/** A node of the correlation graph: a cluster, node, pod, CNF, GPU, link, change object or monitoring system. */
public record FleetObject(String id, ObjectKind kind) {
    public FleetObject {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }
}
