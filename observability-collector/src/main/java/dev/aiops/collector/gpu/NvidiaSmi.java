package dev.aiops.collector.gpu;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.gpu.GpuProcess;
import dev.aiops.model.gpu.GpuProcessType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** {@code CUDA Version: 13.0} in the banner of plain {@code nvidia-smi}. */
    private static final Pattern CUDA_VERSION = Pattern.compile("CUDA Version:\\s*([0-9][0-9.]*)");

    private NvidiaSmi() {}

    /**
     * Plain {@code nvidia-smi}: the query interface has no CUDA version field and does not say whether a
     * process holds a graphics context, so the banner and the process table of the human output are read too.
     */
    public static List<String> tableCommand() {
        return List.of("nvidia-smi");
    }

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

    /**
     * {@link #parse(String, String)} completed from the plain {@code nvidia-smi} table: every GPU gets the
     * banner's CUDA version, compute processes get their type from the table (C, G, C+G), and processes
     * only the table lists (graphics contexts) are added to their GPU.
     */
    public static List<Gpu> parse(String queryGpuCsv, String computeAppsCsv, String table) {
        List<Gpu> gpus = parse(queryGpuCsv, computeAppsCsv);
        if (table == null || table.isBlank()) {
            return gpus;
        }
        String cuda = cudaVersion(table);
        List<TableProcess> tableProcesses = tableProcesses(table);
        List<Gpu> completed = new ArrayList<>();
        for (Gpu gpu : gpus) {
            List<GpuProcess> processes = new ArrayList<>();
            for (GpuProcess p : gpu.processes()) {
                GpuProcessType type = tableProcesses.stream()
                        .filter(t -> t.gpuIndex() == gpu.index() && t.pid() == p.pid())
                        .map(TableProcess::type)
                        .findFirst()
                        .orElse(p.type());
                processes.add(new GpuProcess(p.pid(), p.processName(), p.usedMemoryMb(), type));
            }
            for (TableProcess t : tableProcesses) {
                boolean known = processes.stream().anyMatch(p -> p.pid() == t.pid());
                if (t.gpuIndex() == gpu.index() && !known) {
                    processes.add(new GpuProcess(t.pid(), t.name(), t.usedMemoryMb(), t.type()));
                }
            }
            completed.add(new Gpu(
                    gpu.index(),
                    gpu.uuid(),
                    gpu.name(),
                    gpu.driverVersion(),
                    Objects.requireNonNullElse(cuda, gpu.cudaVersion()),
                    gpu.memoryTotalMb(),
                    gpu.memoryUsedMb(),
                    gpu.memoryFreeMb(),
                    gpu.utilizationGpuPercent(),
                    gpu.utilizationMemoryPercent(),
                    gpu.temperatureCelsius(),
                    gpu.powerDrawWatts(),
                    gpu.powerLimitWatts(),
                    gpu.fanSpeedPercent(),
                    processes));
        }
        return completed;
    }

    /** The CUDA version of the table's banner, or null when it has none. */
    static String cudaVersion(String table) {
        Matcher m = CUDA_VERSION.matcher(table == null ? "" : table);
        return m.find() ? m.group(1) : null;
    }

    /** A row of the table's "Processes:" block. */
    record TableProcess(int gpuIndex, long pid, GpuProcessType type, String name, Long usedMemoryMb) {}

    /**
     * The rows of the "Processes:" block: {@code | GPU GI CI PID Type Process name GPU Memory |}; the
     * name may contain spaces, so it is whatever lies between the type and the memory column. "No running
     * processes found" yields none.
     */
    static List<TableProcess> tableProcesses(String table) {
        List<TableProcess> out = new ArrayList<>();
        boolean inProcesses = false;
        boolean pastHeader = false;
        for (String line : table.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("| Processes:")) {
                inProcesses = true;
                continue;
            }
            if (!inProcesses) {
                continue;
            }
            if (trimmed.startsWith("|=")) {
                pastHeader = true;
                continue;
            }
            if (!pastHeader || !trimmed.startsWith("|") || trimmed.length() < 2) {
                continue;
            }
            String[] t = trimmed.substring(1, trimmed.length() - 1).strip().split("\\s+");
            // GPU GI CI PID Type name... memory
            if (t.length < 7 || !t[0].matches("\\d+") || !t[3].matches("\\d+")) {
                continue;
            }
            String name = String.join(" ", List.of(t).subList(5, t.length - 1));
            String memory = t[t.length - 1];
            Long usedMb = memory.endsWith("MiB") && memory.length() > 3
                    ? Long.valueOf(memory.substring(0, memory.length() - 3))
                    : null;
            out.add(new TableProcess(
                    Integer.parseInt(t[0]), Long.parseLong(t[3]), GpuProcessType.fromNvidiaSmi(t[4]), name, usedMb));
        }
        return out;
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
