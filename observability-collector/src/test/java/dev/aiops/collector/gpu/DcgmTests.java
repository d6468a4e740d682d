package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.observability.MetricSample;
import dev.aiops.model.observability.MetricSeries;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * DCGM exporter series as a Prometheus instant query returns them (the scraped exposition's labels plus
 * {@code __name__}, {@code instance} and {@code job}) read into GPUs per node.
 */
class DcgmTests {

    private static final Pattern SAMPLE = Pattern.compile("^(\\w+)\\{(.*)} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @Test
    void shouldReadEachNodeWithItsGpusInIndexOrder() throws IOException {
        Map<String, List<Gpu>> nodes = Dcgm.gpusByNode(series("gpu-node-b.prom", "gpu-node-a.prom"));

        assertThat(nodes).containsOnlyKeys("gpu-node-a", "gpu-node-b");
        assertThat(nodes.get("gpu-node-a")).extracting(Gpu::index).containsExactly(0, 1);
        Gpu idle = nodes.get("gpu-node-a").get(0);
        assertThat(idle.uuid()).isEqualTo("GPU-42a0d46f-aa1d-4839-9933-9a7101e976e4");
        assertThat(idle.name()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(idle.driverVersion()).isEqualTo("580.159.04");
        assertThat(idle.cudaVersion()).isNull();
        assertThat(idle.utilizationGpuPercent()).isEqualTo(0.0);
        assertThat(idle.temperatureCelsius()).isEqualTo(40.0);
        assertThat(idle.powerDrawWatts()).isEqualTo(128.15);
        assertThat(idle.memoryUsedMb()).isZero();
        assertThat(idle.memoryFreeMb()).isEqualTo(81079L);
        // used + free + reserved, as nvidia-smi's memory.total of the same board says
        assertThat(idle.memoryTotalMb()).isEqualTo(81559L);
        assertThat(idle.fanSpeedPercent()).isNull();
        assertThat(idle.powerLimitWatts()).isNull();
    }

    @Test
    void shouldReadAGpuAttributedToAPodOnce() throws IOException {
        Gpu loaded =
                Dcgm.gpusByNode(series("gpu-node-a.prom")).get("gpu-node-a").get(1);

        assertThat(loaded.utilizationGpuPercent()).isEqualTo(1.0);
        assertThat(loaded.memoryUsedMb()).isEqualTo(883L);
        assertThat(loaded.memoryTotalMb()).isEqualTo(883L + 80197L + 479L);
    }

    @Test
    void shouldAddUsedAndFreeWhenTheExporterHasNoReservedField() throws IOException {
        Gpu busy = Dcgm.gpusByNode(series("gpu-node-b.prom")).get("gpu-node-b").get(0);

        assertThat(busy.memoryTotalMb()).isEqualTo(68734L + 12345L);
        assertThat(busy.utilizationMemoryPercent()).isEqualTo(64.0);
    }

    @Test
    void shouldFallBackToTheInstanceHostWithoutAHostnameLabel() {
        MetricSeries s = new MetricSeries(
                Map.of("__name__", Dcgm.GPU_UTIL, "gpu", "3", "UUID", "GPU-x", "instance", "10.1.2.3:9400"),
                null,
                new MetricSample(BigDecimal.ONE, "55"));
        MetricSeries nameless = new MetricSeries(
                Map.of("__name__", Dcgm.GPU_UTIL, "UUID", "GPU-y"), null, new MetricSample(BigDecimal.ONE, "1"));

        Map<String, List<Gpu>> nodes = Dcgm.gpusByNode(List.of(s, nameless));

        assertThat(nodes).containsOnlyKeys("10.1.2.3");
        assertThat(nodes.get("10.1.2.3").get(0).index()).isEqualTo(3);
        assertThat(nodes.get("10.1.2.3").get(0).utilizationGpuPercent()).isEqualTo(55.0);
    }

    @Test
    void shouldAskForEveryFieldItReadsInOneSelector() {
        assertThat(Dcgm.QUERY).startsWith("{__name__=~\"DCGM_FI_DEV_GPU_UTIL|");
        assertThat(Dcgm.METRICS).allSatisfy(m -> assertThat(Dcgm.QUERY).contains(m));
    }

    /** The fixture's samples with the labels Prometheus adds when scraping it. */
    static List<MetricSeries> series(String... fixtures) throws IOException {
        List<MetricSeries> out = new ArrayList<>();
        for (String fixture : fixtures) {
            for (String line : text(fixture).split("\n")) {
                Matcher m = SAMPLE.matcher(line);
                if (line.startsWith("#") || !m.matches()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("__name__", m.group(1));
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                labels.put("instance", "127.0.0.1:9400");
                labels.put("job", "dcgm-exporter");
                out.add(new MetricSeries(labels, null, new MetricSample(BigDecimal.ONE, m.group(3))));
            }
        }
        return out;
    }

    static String text(String fixture) throws IOException {
        try (InputStream in = DcgmTests.class.getResourceAsStream("/fixtures/dcgm/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
