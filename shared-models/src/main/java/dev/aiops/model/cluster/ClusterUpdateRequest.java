package dev.aiops.model.cluster;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Replaces a cluster's editable fields (PUT semantics: absent optional fields are cleared). The name is
 * immutable. {@code version} must match the stored version unless the caller sends {@code If-Match}.
 */
@JsonNaming(SnakeCaseStrategy.class)
public record ClusterUpdateRequest(
        @Size(max = 128) String displayName,

        @NotBlank @Size(max = 2048) @Pattern(regexp = HttpUrl.PATTERN, message = HttpUrl.MESSAGE)
        String apiServerUrl,

        @NotNull ClusterType clusterType,
        @NotNull Platform platform,
        @Size(max = 64) String platformVersion,
        @Size(max = 64) String region,
        @NotNull Environment environment,
        @Valid ClusterEndpoints endpoints,
        Map<@NotBlank @Size(max = 317) String, @NotNull @Size(max = 63) String> labels,
        Long version) {

    public ClusterUpdateRequest {
        endpoints = endpoints == null ? ClusterEndpoints.none() : endpoints;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
