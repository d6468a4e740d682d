package dev.aiops.collector.gpu;

import dev.aiops.model.gpu.Gpu;
import dev.aiops.model.observability.MetricSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NVIDIA DCGM exporter series (as a Prometheus instant query returns them) into GPUs per node. The
 * exporter labels every series with {@code gpu} (index), {@code UUID}, {@code pci_bus_id}, {@code device},
 * {@code modelName}, {@code Hostname} (the node, from NODE_NAME in the GPU operator) and, in recent
 * versions, {@code DCGM_FI_DRIVER_VERSION}; when it attributes a GPU to pods it repeats the series with
 * {@code container}/{@code namespace}/{@code pod}, so one GPU may come several times.
 */
final class Dcgm {

    static final String GPU_UTIL = "DCGM_FI_DEV_GPU_UTIL";
    static final String MEM_COPY_UTIL = "DCGM_FI_DEV_MEM_COPY_UTIL";
    static final String FB_USED = "DCGM_FI_DEV_FB_USED";
    static final String FB_FREE = "DCGM_FI_DEV_FB_FREE";
    static final String FB_TOTAL = "DCGM_FI_DEV_FB_TOTAL";
    static final String FB_RESERVED = "DCGM_FI_DEV_FB_RESERVED";
    static final String GPU_TEMP = "DCGM_FI_DEV_GPU_TEMP";
    static final String POWER_USAGE = "DCGM_FI_DEV_POWER_USAGE";
    static final String POWER_LIMIT = "DCGM_FI_DEV_POWER_MGMT_LIMIT";
    static final String FAN_SPEED = "DCGM_FI_DEV_FAN_SPEED";

    static final List<String> METRICS = List.of(
            GPU_UTIL,
            MEM_COPY_UTIL,
            FB_USED,
            FB_FREE,
            FB_TOTAL,
            FB_RESERVED,
            GPU_TEMP,
            POWER_USAGE,
            POWER_LIMIT,
            FAN_SPEED);

    /** One selector for every field read, so a refresh costs one query per cluster. */
    static final String QUERY = "{__name__=~\"" + String.join("|", METRICS) + "\"}";

    /** Labels naming the node, most specific first: DCGM's own, then common relabelling results. */
    private static final List<String> NODE_LABELS = List.of("Hostname", "kubernetes_node", "node", "nodename");

    private Dcgm() {}

    /** GPUs by node name, each node's GPUs by index; series without a node or GPU identity are skipped. */
    static Map<String, List<Gpu>> gpusByNode(List<MetricSeries> series) {
        // node → uuid → metric → value; first series wins when pod attribution repeats one
        Map<String, Map<String, Reading>> nodes = new LinkedHashMap<>();
        for (MetricSeries s : series) {
            Map<String, String> labels = s.metric();
            String metric = labels.get("__name__");
            String node = node(labels);
            String uuid = labels.getOrDefault("UUID", labels.get("uuid"));
            String index = labels.get("gpu");
            if (metric == null || node == null || (uuid == null && index == null) || s.value() == null) {
                continue;
            }
            Double value = parse(s.value().value());
            Reading reading = nodes.computeIfAbsent(node, n -> new LinkedHashMap<>())
                    .computeIfAbsent(uuid != null ? uuid : "gpu-" + index, k -> new Reading(labels));
            if (value != null) {
                reading.values.putIfAbsent(metric, value);
            }
        }
        Map<String, List<Gpu>> result = new LinkedHashMap<>();
        nodes.forEach((node, readings) -> result.put(
                node,
                readings.values().stream()
                        .map(Reading::gpu)
                        .sorted(Comparator.comparingInt(Gpu::index))
                        .toList()));
        return result;
    }

    private static String node(Map<String, String> labels) {
        for (String name : NODE_LABELS) {
            String value = labels.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        String instance = labels.get("instance");
        if (instance == null || instance.isBlank()) {
            return null;
        }
        int colon = instance.lastIndexOf(':');
        return colon > 0 && !instance.endsWith("]") ? instance.substring(0, colon) : instance;
    }

    private static Double parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class Reading {
        private final Map<String, String> labels;
        private final Map<String, Double> values = new LinkedHashMap<>();

        Reading(Map<String, String> labels) {
            this.labels = labels;
        }

        Gpu gpu() {
            Long used = whole(values.get(FB_USED));
            Long free = whole(values.get(FB_FREE));
            Long total = whole(values.get(FB_TOTAL));
            if (total == null && used != null && free != null) {
                // nvidia-smi's total also counts the driver's reservation, which DCGM exports separately
                Long reserved = whole(values.get(FB_RESERVED));
                total = used + free + (reserved == null ? 0 : reserved);
            }
            return new Gpu(
                    index(labels.get("gpu")),
                    labels.getOrDefault("UUID", labels.get("uuid")),
                    labels.get("modelName"),
                    labels.get("DCGM_FI_DRIVER_VERSION"),
                    null, // DCGM's exporter does not label series with the CUDA version
                    total,
                    used,
                    free,
                    values.get(GPU_UTIL),
                    values.get(MEM_COPY_UTIL),
                    values.get(GPU_TEMP),
                    values.get(POWER_USAGE),
                    values.get(POWER_LIMIT),
                    values.get(FAN_SPEED),
                    new ArrayList<>());
        }

        private static int index(String gpu) {
            try {
                return gpu == null ? -1 : Integer.parseInt(gpu);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private static Long whole(Double value) {
            return value == null ? null : Math.round(value);
        }
    }
}
