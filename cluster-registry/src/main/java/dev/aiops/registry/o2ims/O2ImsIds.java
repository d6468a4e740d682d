package dev.aiops.registry.o2ims;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable ids for objects the registry derives rather than stores (pools, sites, resource types, alarm
 * dictionaries): name-based UUIDs, the same in v1 and v2, so a pool keeps its id across versions.
 */
final class O2ImsIds {

    static final String PREFIX = "/o2ims-infrastructureInventory/v1";
    static final String PREFIX_V2 = "/o2ims-infrastructureInventory/v2";
    static final String NODE_TYPE = "kubernetes-node";
    static final String GPU_NODE_TYPE = "kubernetes-gpu-node";

    private O2ImsIds() {}

    static String pool(String poolName) {
        return uuid("aiops-o2ims-pool:" + poolName);
    }

    static String resourceType(String name) {
        return uuid("aiops-o2ims-resource-type:" + name);
    }

    static String site(String poolName) {
        return uuid("aiops-o2ims-site:" + poolName);
    }

    static String alarmDictionary(String resourceTypeName) {
        return uuid("aiops-o2ims-alarm-dictionary:" + resourceTypeName);
    }

    static String alarmDefinition(String resourceTypeName, String alarmName) {
        return uuid("aiops-o2ims-alarm-definition:" + resourceTypeName + ":" + alarmName);
    }

    /** v2 wants a UUID for the global cloud id; a configured non-UUID id (v1 allows any) is mapped to one. */
    static String asUuid(String id) {
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            return uuid("aiops-o2ims-global-cloud:" + id);
        }
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
