package dev.aiops.model.cluster;

import jakarta.validation.constraints.Min;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** What capability discovery found on a cluster. */
@JsonNaming(SnakeCaseStrategy.class)
public record ClusterCapabilities(
        boolean hasGpuNodes,
        @Min(0) int gpuCount,
        List<String> gpuTypes,
        boolean hasPrometheus,
        boolean hasThanos,
        boolean hasTempo,
        boolean hasLoki,
        boolean hasServiceMesh,
        boolean hasCnfWorkloads,
        List<CnfType> cnfTypes) {

    public ClusterCapabilities {
        gpuTypes = gpuTypes == null ? List.of() : List.copyOf(gpuTypes);
        cnfTypes = cnfTypes == null ? List.of() : List.copyOf(cnfTypes);
    }

    /** Capabilities of a cluster that has not been discovered yet. */
    public static ClusterCapabilities none() {
        return new ClusterCapabilities(false, 0, List.of(), false, false, false, false, false, false, List.of());
    }
}
