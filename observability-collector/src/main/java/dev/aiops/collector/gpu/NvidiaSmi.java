package dev.aiops.collector.gpu;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuProcess;
import dev.aiops.model.gpu.GpuProcessType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nvidia-smi commands the collector runs in a node's NVIDIA driver pod, and the parsing of their CSV
 * output. Parsing accepts what real drivers print (checked against an H100 on driver 580): with or without
 * the header line, with {@code nounits} or with units ({@code 1 %}, {@code 883 MiB}, {@code 84.04 W}),
 * and {@code [N/A]} / {@code [Not Supported]} for readings a board does not have (an H100 has no fan).
 */
public final class NvidiaSmi {

    /** The fields asked of {@code --query-gpu}, in the order the parser reads them. */
    static final List<String> GPU_FIELDS = List.of(
            "index",
            "uuid",
            "name",
            "pci.bus_id",
            "driver_version",
            "pstate",
            "temperature.gpu",
            "utilization.gpu",
            "utilization.memory",
            "memory.total",
            "memory.used",
            "memory.free",
            "power.draw",
            "power.limit",
            "clocks.current.sm",
            "clocks.current.memory",
            "fan.speed",
            "ecc.errors.uncorrected.volatile.total");

    static final List<String> PROCESS_FIELDS = List.of("pid", "process_name", "used_gpu_memory", "gpu_uuid");

    private NvidiaSmi() {}

    /** {@code nvidia-smi --query-gpu=... --format=csv,noheader,nounits}, as an exec command. */
    public static List<String> queryGpuCommand() {
        return List.of("nvidia-smi", "--query-gpu=" + String.join(",", GPU_FIELDS), "--format=csv,noheader,nounits");
    }

    /** {@code nvidia-smi --query-compute-apps=... --format=csv,noheader,nounits}, as an exec command. */
    public static List<String> queryComputeAppsCommand() {
        return List.of(
                "nvidia-smi",
                "--query-compute-apps=" + String.join(",", PROCESS_FIELDS),
                "--format=csv,noheader,nounits");
    }

    /**
     * The GPUs of a {@code --query-gpu} answer with {@link #GPU_FIELDS}, each with the processes of a
     * {@code --query-compute-apps} answer that run on it.
     */
    public static List<Gpu> parse(String queryGpuCsv, String computeAppsCsv) {
        Map<String, List<GpuProcess>> processes = new LinkedHashMap<>();
        for (ProcessRow row : parseProcesses(computeAppsCsv)) {
            processes.computeIfAbsent(row.gpuUuid(), u -> new ArrayList<>()).add(row.process());
        }
        List<Gpu> gpus = new ArrayList<>();
        for (List<String> f : rows(queryGpuCsv, GPU_FIELDS.size(), "index")) {
            String uuid = text(f.get(1));
            gpus.add(new Gpu(
                    Integer.parseInt(number(f.get(0))),
                    uuid,
                    text(f.get(2)),
                    text(f.get(4)),
                    null, // nvidia-smi's query interface has no CUDA version field
                    longValue(f.get(9)),
                    longValue(f.get(10)),
                    longValue(f.get(11)),
                    doubleValue(f.get(7)),
                    doubleValue(f.get(8)),
                    doubleValue(f.get(6)),
                    doubleValue(f.get(12)),
                    doubleValue(f.get(13)),
                    doubleValue(f.get(16)),
                    processes.getOrDefault(uuid, List.of())));
        }
        return gpus;
    }

    record ProcessRow(String gpuUuid, GpuProcess process) {}

    static List<ProcessRow> parseProcesses(String csv) {
        List<ProcessRow> out = new ArrayList<>();
        for (List<String> f : rows(csv, PROCESS_FIELDS.size(), "pid")) {
            out.add(new ProcessRow(
                    text(f.get(3)),
                    new GpuProcess(
                            Long.parseLong(number(f.get(0))),
                            text(f.get(1)),
                            longValue(f.get(2)),
                            GpuProcessType.COMPUTE)));
        }
        return out;
    }

    /** Data rows split into fields; the header line (starting with {@code headerStart}) and blanks skipped. */
    private static List<List<String>> rows(String csv, int fields, String headerStart) {
        if (csv == null || csv.isBlank()) {
            return Collections.emptyList();
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith(headerStart + ",")) {
                continue;
            }
            String[] parts = trimmed.split(",", -1);
            if (parts.length != fields) {
                throw new IllegalArgumentException(
                        "nvidia-smi line has " + parts.length + " fields, expected " + fields + ": " + trimmed);
            }
            List<String> row = new ArrayList<>();
            for (String p : parts) {
                row.add(p.strip());
            }
            rows.add(row);
        }
        return rows;
    }

    private static boolean missing(String value) {
        return value.isEmpty() || value.startsWith("[") || value.equalsIgnoreCase("N/A");
    }

    private static String text(String value) {
        return missing(value) ? null : value;
    }

    /** The number without a unit suffix ({@code 883 MiB} → {@code 883}). */
    private static String number(String value) {
        int space = value.indexOf(' ');
        return space < 0 ? value : value.substring(0, space);
    }

    private static Long longValue(String value) {
        return missing(value) ? null : Long.valueOf(number(value));
    }

    private static Double doubleValue(String value) {
        return missing(value) ? null : Double.valueOf(number(value));
    }
}
