package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuNode;
import dev.aiops.model.gpu.GpuProcess;
import dev.aiops.model.gpu.GpuProcessType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which collections are worth a GPU_UPDATE: thresholds measured from the last event, not the last poll. */
class GpuChangesTests {

    static final UUID CLUSTER = UUID.randomUUID();
    final GpuChanges changes = new GpuChanges(new GpuProperties.Thresholds(10, 1024, 5, 50));

    static GpuNode node(double util, long usedMb, double temp, double power, long... pids) {
        List<GpuProcess> processes = java.util.Arrays.stream(pids)
                .mapToObj(p -> new GpuProcess(p, "python3", 100L, GpuProcessType.COMPUTE))
                .toList();
        Gpu gpu = new Gpu(
                0,
                "GPU-a",
                "NVIDIA H100 80GB HBM3",
                "580.159.04",
                "13.0",
                81559L,
                usedMb,
                81559L - usedMb,
                util,
                0.0,
                temp,
                power,
                700.0,
                null,
                processes);
        return new GpuNode(CLUSTER, "c", "n1", List.of(gpu), Instant.now());
    }

    /** What the last event said; the service keeps it in Redis ({@code GpuUpdatesTests}). */
    GpuNode lastSent;

    List<GpuNode> collect(GpuNode node) {
        if (lastSent != null && !changes.significant(lastSent, node)) {
            return List.of();
        }
        lastSent = node;
        return List.of(node);
    }

    @Test
    void shouldReportANewNodeThenOnlyMovesBeyondAThreshold() {
        assertThat(collect(node(0, 0, 40, 128))).hasSize(1);
        assertThat(collect(node(9, 1000, 44, 170))).isEmpty();
        assertThat(collect(node(10, 0, 40, 128))).hasSize(1);
        assertThat(collect(node(10, 0, 40, 178))).hasSize(1);
        assertThat(collect(node(10, 1024, 40, 178))).hasSize(1);
        assertThat(collect(node(10, 1024, 45, 178))).hasSize(1);
    }

    @Test
    void shouldAddUpADriftFromTheLastEvent() {
        collect(node(0, 0, 40, 128));
        assertThat(collect(node(0, 0, 43, 128))).isEmpty();
        // 45 is only 2 above the previous poll, but 5 above what the last event said
        assertThat(collect(node(0, 0, 45, 128))).hasSize(1);
    }

    @Test
    void shouldReportAProcessStartingOrEndingAndAReadingGoingMissing() {
        collect(node(0, 0, 40, 128));
        assertThat(collect(node(0, 0, 40, 128, 449))).hasSize(1);
        assertThat(collect(node(0, 0, 40, 128))).hasSize(1);
        GpuNode noTemperature = node(0, 0, 40, 128);
        Gpu g = noTemperature.gpus().get(0);
        Gpu without = new Gpu(
                g.index(),
                g.uuid(),
                g.name(),
                g.driverVersion(),
                g.cudaVersion(),
                g.memoryTotalMb(),
                g.memoryUsedMb(),
                g.memoryFreeMb(),
                g.utilizationGpuPercent(),
                g.utilizationMemoryPercent(),
                null,
                g.powerDrawWatts(),
                g.powerLimitWatts(),
                g.fanSpeedPercent(),
                g.processes());
        assertThat(collect(new GpuNode(CLUSTER, "c", "n1", List.of(without), Instant.now())))
                .hasSize(1);
    }
}
