package dev.aiops.registry.cluster;

import dev.aiops.model.error.ErrorCode;
import dev.aiops.platform.error.ApiException;
import java.util.UUID;

public class ClusterNotFoundException extends ApiException {

    private ClusterNotFoundException(String detail) {
        super(ErrorCode.CLUSTER_NOT_FOUND, detail);
    }

    public static ClusterNotFoundException of(UUID id) {
        return new ClusterNotFoundException("No cluster with id " + id);
    }

    public static ClusterNotFoundException named(String name) {
        return new ClusterNotFoundException("No cluster named " + name);
    }
}
