package dev.aiops.registry.discovery;

import java.util.List;
import java.util.Map;

/** A node as discovery saw it; becomes an O2 IMS resource. */
record DiscoveredNode(
        String name,
        String uid,
        List<String> roles,
        Map<String, String> labels,
        Map<String, String> capacity,
        int gpuCount,
        String gpuProduct,
        String kubeletVersion,
        String osImage,
        String architecture,
        boolean ready) {}
