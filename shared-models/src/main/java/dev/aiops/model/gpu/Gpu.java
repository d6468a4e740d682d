package dev.aiops.model.gpu;

import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One GPU's identity and latest readings. Every reading is nullable because nvidia-smi answers
 * {@code [N/A]} for what a board does not expose (an H100 has no fan, so {@code fan_speed_percent} is
 * null there), and DCGM may not export every field. Memory is in MiB, as nvidia-smi reports it.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record Gpu(
        int index,
        String uuid,
        String name,
        String driverVersion,
        String cudaVersion,
        Long memoryTotalMb,
        Long memoryUsedMb,
        Long memoryFreeMb,
        Double utilizationGpuPercent,
        Double utilizationMemoryPercent,
        Double temperatureCelsius,
        Double powerDrawWatts,
        Double powerLimitWatts,
        Double fanSpeedPercent,
        List<GpuProcess> processes) {

    public Gpu {
        processes = processes == null ? List.of() : List.copyOf(processes);
    }
}
