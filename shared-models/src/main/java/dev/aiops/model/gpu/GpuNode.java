package dev.aiops.model.gpu;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** A Kubernetes node with GPUs and their latest readings; also the payload of GPU_UPDATE. */
@JsonNaming(SnakeCaseStrategy.class)
public record GpuNode(UUID clusterId, String clusterName, String nodeName, List<Gpu> gpus, Instant lastUpdated) {

    public GpuNode {
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
    }
}
