package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuProcessType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing exactly what an H100 (driver 580.159.04) printed, idle and loaded; fixtures copied unchanged. */
class NvidiaSmiTests {

    @Test
    void shouldParseAnIdleH100WithoutUnitsOrHeader() throws IOException {
        List<Gpu> gpus =
                NvidiaSmi.parse(fixture("nvidia-smi-query-gpu-nounits.csv"), fixture("nvidia-smi-compute-apps.csv"));

        assertThat(gpus).singleElement().satisfies(gpu -> {
            assertThat(gpu.index()).isZero();
            assertThat(gpu.uuid()).isEqualTo("GPU-42a0d46f-aa1d-4839-9933-9a7101e976e4");
            assertThat(gpu.name()).isEqualTo("NVIDIA H100 80GB HBM3");
            assertThat(gpu.driverVersion()).isEqualTo("580.159.04");
            assertThat(gpu.temperatureCelsius()).isEqualTo(40.0);
            assertThat(gpu.utilizationGpuPercent()).isEqualTo(0.0);
            assertThat(gpu.memoryTotalMb()).isEqualTo(81559L);
            assertThat(gpu.memoryUsedMb()).isEqualTo(0L);
            assertThat(gpu.memoryFreeMb()).isEqualTo(81079L);
            assertThat(gpu.powerDrawWatts()).isEqualTo(128.16);
            assertThat(gpu.powerLimitWatts()).isEqualTo(700.0);
            // an H100 has no fan: nvidia-smi says [N/A]
            assertThat(gpu.fanSpeedPercent()).isNull();
            assertThat(gpu.processes()).isEmpty();
        });
    }

    @Test
    void shouldParseALoadedH100WithUnitsHeaderAndItsProcess() throws IOException {
        List<Gpu> gpus = NvidiaSmi.parse(fixture("loaded-query-gpu.csv"), fixture("loaded-compute-apps.csv"));

        assertThat(gpus).singleElement().satisfies(gpu -> {
            assertThat(gpu.utilizationGpuPercent()).isEqualTo(1.0);
            assertThat(gpu.memoryUsedMb()).isEqualTo(883L);
            assertThat(gpu.memoryFreeMb()).isEqualTo(80197L);
            assertThat(gpu.powerDrawWatts()).isEqualTo(84.04);
            assertThat(gpu.fanSpeedPercent()).isNull();
            assertThat(gpu.processes()).singleElement().satisfies(p -> {
                assertThat(p.pid()).isEqualTo(449L);
                assertThat(p.processName()).isEqualTo("python3");
                assertThat(p.usedMemoryMb()).isEqualTo(874L);
                assertThat(p.type()).isEqualTo(GpuProcessType.COMPUTE);
            });
        });
    }

    @Test
    void shouldReadTheHeaderedIdleOutputLikeTheNoUnitsOne() throws IOException {
        Gpu withUnits = NvidiaSmi.parse(fixture("nvidia-smi-query-gpu.csv"), "").get(0);
        Gpu noUnits =
                NvidiaSmi.parse(fixture("nvidia-smi-query-gpu-nounits.csv"), "").get(0);

        assertThat(withUnits.memoryTotalMb()).isEqualTo(noUnits.memoryTotalMb());
        assertThat(withUnits.temperatureCelsius()).isEqualTo(noUnits.temperatureCelsius());
        assertThat(withUnits.uuid()).isEqualTo(noUnits.uuid());
    }

    @Test
    void shouldRefuseALineWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> NvidiaSmi.parse("0, GPU-x, NVIDIA H100", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 18");
    }

    @Test
    void shouldAskForTheFieldsItParsesInTheSameOrder() throws IOException {
        String header = fixture("loaded-query-gpu.csv").lines().findFirst().orElseThrow();
        List<String> columns = List.of(header.split(",\\s*")).stream()
                .map(c -> c.replaceAll(" \\[.*]", ""))
                .toList();

        assertThat(columns).isEqualTo(NvidiaSmi.GPU_FIELDS);
        assertThat(String.join(" ", NvidiaSmi.queryGpuCommand())).contains("--format=csv,noheader,nounits");
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = NvidiaSmiTests.class.getResourceAsStream("/fixtures/nvidia-smi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
