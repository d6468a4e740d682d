package dev.aiops.model.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aiops.model.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuTests {

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource({"C, COMPUTE", "G, GRAPHICS", "C+G, MIXED", "' C ', COMPUTE"})
    void shouldMapTypeColumnWhenNvidiaSmiListsProcesses(String column, GpuProcessType type) {
        assertThat(GpuProcessType.fromNvidiaSmi(column)).isEqualTo(type);
    }

    @Nested
    class Summary {

        @Test
        void shouldSkipNotAvailableReadingsWhenAveraging() {
            Gpu h100 = Fixtures.gpuNode().gpus().get(0);
            Gpu blind = new Gpu(
                    1,
                    "GPU-2",
                    "NVIDIA H100 80GB HBM3",
                    null,
                    null,
                    81_559L,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null);
            Gpu busy = new Gpu(
                    0,
                    "GPU-3",
                    "NVIDIA A100-SXM4-40GB",
                    null,
                    null,
                    40_960L,
                    30_000L,
                    10_960L,
                    97.0,
                    60.0,
                    71.0,
                    350.0,
                    400.0,
                    null,
                    List.of(new GpuProcess(7, "vllm", 29_000L, GpuProcessType.COMPUTE)));
            GpuNode first = new GpuNode(
                    Fixtures.CLUSTER_ID, "edge-paris-01", "worker-gpu-0", List.of(h100, blind), Instant.now());
            GpuNode second = new GpuNode(UUID.randomUUID(), "core-lyon-01", "gpu-a", List.of(busy), Instant.now());

            GpuSummary summary = GpuSummary.of(List.of(first, second));

            assertThat(summary.clusterCount()).isEqualTo(2);
            assertThat(summary.nodeCount()).isEqualTo(2);
            assertThat(summary.gpuCount()).isEqualTo(3);
            assertThat(summary.avgUtilizationPercent()).isCloseTo((1.0 + 97.0) / 2, within(1e-9));
            assertThat(summary.avgMemoryUtilizationPercent()).isCloseTo(30.0, within(1e-9));
            assertThat(summary.memoryTotalMb()).isEqualTo(81_559L * 2 + 40_960L);
            assertThat(summary.memoryUsedMb()).isEqualTo(883L + 30_000L);
            assertThat(summary.processCount()).isEqualTo(2);
            assertThat(summary.gpusByType())
                    .containsEntry("NVIDIA H100 80GB HBM3", 2)
                    .containsEntry("NVIDIA A100-SXM4-40GB", 1);
        }

        @Test
        void shouldReportNoAverageWhenFleetHasNoGpus() {
            GpuSummary summary = GpuSummary.of(List.of());

            assertThat(summary.gpuCount()).isZero();
            assertThat(summary.avgUtilizationPercent()).isNull();
            assertThat(summary.gpusByType()).isEmpty();
        }
    }
}
