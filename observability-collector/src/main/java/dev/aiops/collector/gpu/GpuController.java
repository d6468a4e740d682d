package dev.aiops.collector.gpu;

import dev.aiops.model.gpu.GpuNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/gpu")
@PreAuthorize("hasAnyRole('VIEWER', 'SERVICE')")
@Tag(name = "GPU", description = "GPU telemetry per node, from DCGM exporter metrics or nvidia-smi")
class GpuController {

    private final GpuService gpus;

    GpuController(GpuService gpus) {
        this.gpus = gpus;
    }

    @GetMapping("/nodes")
    @Operation(summary = "Every node with GPUs and their latest readings (cached 5 s)")
    List<GpuNode> nodes(@RequestParam(name = "cluster_id", required = false) UUID clusterId) {
        return gpus.nodes(clusterId);
    }

    @GetMapping("/nodes/{cluster_id}/{node_name}")
    @Operation(summary = "One node's GPUs")
    GpuNode node(@PathVariable("cluster_id") String clusterId, @PathVariable("node_name") String nodeName) {
        // parsed here, not bound as a UUID: the platform's type-mismatch answer names path variables by
        // their Java name, and the contract's field is cluster_id
        return gpus.node(GpuService.clusterId(clusterId), nodeName);
    }

    @GetMapping("/summary")
    @Operation(summary = "Fleet totals: GPUs by product, utilisation, memory, the hottest and the idle GPUs")
    GpuFleetSummary summary() {
        return gpus.summary();
    }

    @GetMapping("/processes")
    @Operation(summary = "Processes holding a GPU context, with their node and GPU")
    List<GpuProcessView> processes(
            @RequestParam(name = "cluster_id", required = false) UUID clusterId,
            @RequestParam(name = "node_name", required = false) String nodeName) {
        return gpus.processes(clusterId, nodeName);
    }
}
