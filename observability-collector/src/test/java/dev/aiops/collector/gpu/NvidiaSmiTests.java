package dev.aiops.collector.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuProcess;
import dev.aiops.model.gpu.GpuProcessType;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Parsing exactly what an H100 (driver 580.159.04) printed, idle and loaded; fixtures copied unchanged. Every
 * fixture is used: the CSV answers and tables are parsed, the XML reports and the field help are the oracle.
 */
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

    @Test
    void shouldReadTheCudaVersionAndNoProcessFromTheIdleTable() throws IOException {
        String table = fixture("nvidia-smi-table.txt");

        assertThat(NvidiaSmi.cudaVersion(table)).isEqualTo("13.0");
        assertThat(NvidiaSmi.tableProcesses(table)).isEmpty();
    }

    @Test
    void shouldReadTheProcessRowOfTheLoadedTable() throws IOException {
        assertThat(NvidiaSmi.tableProcesses(fixture("loaded-table.txt")))
                .containsExactly(new NvidiaSmi.TableProcess(0, 449, GpuProcessType.COMPUTE, "python3", 1002L));
    }

    @Test
    void shouldCompleteTheQueryOutputWithTheTable() throws IOException {
        Gpu gpu = NvidiaSmi.parse(
                        fixture("loaded-query-gpu.csv"),
                        fixture("loaded-compute-apps.csv"),
                        fixture("loaded-table.txt"))
                .get(0);

        assertThat(gpu.cudaVersion()).isEqualTo("13.0");
        // the CSV answer is what was asked; the table (taken a moment later) only adds what CSV lacks
        assertThat(gpu.processes()).containsExactly(new GpuProcess(449, "python3", 874L, GpuProcessType.COMPUTE));
    }

    @Test
    void shouldAddGraphicsContextsOnlyTheTableLists() throws IOException {
        // the loaded table with a second, graphics+compute process whose name has a space in it
        String table = fixture("loaded-table.txt")
                .replace(
                        "|    0   N/A  N/A             449      C   python3                                1002MiB |",
                        "|    0   N/A  N/A             449      C   python3                                1002MiB |\n"
                                + "|    0   N/A  N/A             512    C+G   /usr/bin/Xorg vnc                       N/A     |");

        Gpu gpu = NvidiaSmi.parse(fixture("loaded-query-gpu.csv"), fixture("loaded-compute-apps.csv"), table)
                .get(0);

        assertThat(gpu.processes())
                .containsExactly(
                        new GpuProcess(449, "python3", 874L, GpuProcessType.COMPUTE),
                        new GpuProcess(512, "/usr/bin/Xorg vnc", null, GpuProcessType.MIXED));
    }

    @ParameterizedTest
    @CsvSource({
        "nvidia-smi-q.xml, nvidia-smi-query-gpu-nounits.csv, nvidia-smi-table.txt",
        "loaded-q.xml, loaded-query-gpu.csv, loaded-table.txt"
    })
    void shouldAgreeWithTheFullXmlReportOfTheSameBoard(String xml, String csv, String table) throws Exception {
        Document report = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(
                        fixture(xml).replace("<!DOCTYPE nvidia_smi_log SYSTEM \"nvsmi_device_v13.dtd\">", ""))));
        XPath x = XPathFactory.newInstance().newXPath();
        Gpu gpu = NvidiaSmi.parse(fixture(csv), "", fixture(table)).get(0);

        assertThat(gpu.uuid()).isEqualTo(x.evaluate("/nvidia_smi_log/gpu/uuid", report));
        assertThat(gpu.name()).isEqualTo(x.evaluate("/nvidia_smi_log/gpu/product_name", report));
        assertThat(gpu.driverVersion()).isEqualTo(x.evaluate("/nvidia_smi_log/driver_version", report));
        assertThat(gpu.cudaVersion()).isEqualTo(x.evaluate("/nvidia_smi_log/cuda_version", report));
        assertThat(gpu.memoryTotalMb() + " MiB")
                .isEqualTo(x.evaluate("/nvidia_smi_log/gpu/fb_memory_usage/total", report));
        // total = used + free + the driver's reservation (what DCGM's FB_USED + FB_FREE + FB_RESERVED add up
        // to), within 1 MiB: nvidia-smi rounds each figure to MiB on its own (the loaded board: 479 vs 480)
        long reserved = Long.parseLong(x.evaluate("/nvidia_smi_log/gpu/fb_memory_usage/reserved", report)
                .replace(" MiB", ""));
        assertThat(gpu.memoryTotalMb() - gpu.memoryUsedMb() - gpu.memoryFreeMb())
                .isCloseTo(reserved, within(1L));
        assertThat(String.format("%.2f W", gpu.powerLimitWatts()))
                .isEqualTo(x.evaluate("/nvidia_smi_log/gpu/gpu_power_readings/current_power_limit", report));
        assertThat(x.evaluate("/nvidia_smi_log/gpu/fan_speed", report)).isEqualTo("N/A");
        assertThat(gpu.fanSpeedPercent()).isNull();
        List<String> xmlPids = new java.util.ArrayList<>();
        var pids = (org.w3c.dom.NodeList)
                x.evaluate("/nvidia_smi_log/gpu/processes/process_info/pid", report, XPathConstants.NODESET);
        for (int i = 0; i < pids.getLength(); i++) {
            xmlPids.add(pids.item(i).getTextContent());
        }
        assertThat(NvidiaSmi.tableProcesses(fixture(table)).stream()
                        .map(p -> String.valueOf(p.pid()))
                        .toList())
                .isEqualTo(xmlPids);
    }

    @Test
    void shouldAskOnlyForFieldsTheDriverDocuments() throws IOException {
        String help = fixture("nvidia-smi-help-query-gpu.txt");

        assertThat(NvidiaSmi.GPU_FIELDS).allSatisfy(field -> assertThat(help).contains("\"" + field + "\""));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = NvidiaSmiTests.class.getResourceAsStream("/fixtures/nvidia-smi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
