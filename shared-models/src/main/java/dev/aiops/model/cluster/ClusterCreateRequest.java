package dev.aiops.model.cluster;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Registers a cluster. {@code cluster_type} defaults to SPOKE, {@code environment} to DEVELOPMENT. */
@JsonNaming(SnakeCaseStrategy.class)
public record ClusterCreateRequest(
        @NotBlank @Pattern(regexp = ClusterNames.PATTERN, message = ClusterNames.MESSAGE)
        String name,

        @Size(max = 128) String displayName,

        @NotBlank @Size(max = 2048) @Pattern(regexp = HttpUrl.PATTERN, message = HttpUrl.MESSAGE)
        String apiServerUrl,

        ClusterType clusterType,
        @NotNull Platform platform,
        @Size(max = 64) String platformVersion,
        @Size(max = 64) String region,
        Environment environment,
        @Valid ClusterEndpoints endpoints,
        Map<@NotBlank @Size(max = 317) String, @NotNull @Size(max = 63) String> labels,
        @Valid CredentialsRequest credentials) {

    public ClusterCreateRequest {
        clusterType = clusterType == null ? ClusterType.SPOKE : clusterType;
        environment = environment == null ? Environment.DEVELOPMENT : environment;
        endpoints = endpoints == null ? ClusterEndpoints.none() : endpoints;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
