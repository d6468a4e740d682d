package dev.aiops.registry.o2ims;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Stable ids for objects the registry derives rather than stores (pools, resource types). */
final class O2ImsIds {

    static final String PREFIX = "/o2ims-infrastructureInventory/v1";
    static final String NODE_TYPE = "kubernetes-node";
    static final String GPU_NODE_TYPE = "kubernetes-gpu-node";

    private O2ImsIds() {}

    static String pool(String poolName) {
        return uuid("aiops-o2ims-pool:" + poolName);
    }

    static String resourceType(String name) {
        return uuid("aiops-o2ims-resource-type:" + name);
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
