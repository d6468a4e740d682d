package dev.aiops.collector.gpu;

import dev.aiops.model.gpu.GpuProcessType;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** {@code GET /api/v1/gpu/processes}: a {@code GPUProcess} with the GPU and node it runs on. */
@JsonNaming(SnakeCaseStrategy.class)
record GpuProcessView(
        UUID clusterId,
        String clusterName,
        String nodeName,
        int gpuIndex,
        String gpuUuid,
        long pid,
        String processName,
        Long usedMemoryMb,
        GpuProcessType type) {}
