package dev.aiops.registry.discovery;

import dev.aiops.model.cluster.ClusterCapabilities;
import dev.aiops.model.cluster.Platform;
import java.util.List;

/** What one discovery run found. */
record Discovery(
        Platform platform, String platformVersion, ClusterCapabilities capabilities, List<DiscoveredNode> nodes) {}
