package dev.aiops.model.gpu;

import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A process holding a GPU context. {@code used_memory_mb} is null when nvidia-smi reports {@code [N/A]}
 * (it does for processes in other containers on some drivers).
 */
@JsonNaming(SnakeCaseStrategy.class)
public record GpuProcess(long pid, String processName, Long usedMemoryMb, GpuProcessType type) {}
