package dev.aiops.model.cluster;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import tools.jackson.databind.annotation.JsonNaming;

/** Observability endpoints of a cluster; each optional. Only http(s) URLs are accepted. */
@JsonNaming(SnakeCaseStrategy.class)
public record ClusterEndpoints(
        @Size(max = 2048) @Pattern(regexp = HttpUrl.PATTERN, message = HttpUrl.MESSAGE)
        String prometheusUrl,

        @Size(max = 2048) @Pattern(regexp = HttpUrl.PATTERN, message = HttpUrl.MESSAGE)
        String tempoUrl,

        @Size(max = 2048) @Pattern(regexp = HttpUrl.PATTERN, message = HttpUrl.MESSAGE)
        String lokiUrl,

        @Size(max = 2048) @Pattern(regexp = HttpUrl.PATTERN, message = HttpUrl.MESSAGE)
        String alertmanagerUrl) {

    public static ClusterEndpoints none() {
        return new ClusterEndpoints(null, null, null, null);
    }
}
